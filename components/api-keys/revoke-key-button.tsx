"use client";

import type { ActionResult } from "@/lib/http/actions/action-result";
import { RevokeButton } from "@/components/common/revoke-button";

type Props = {
  teamSlug: string;
  keyId: string;
  name: string;
  revoke: (input: { teamSlug: string; keyId: string }) => Promise<ActionResult<{ keyId: string }>>;
};

export function RevokeKeyButton({ teamSlug, keyId, name, revoke }: Props) {
  return <RevokeButton name={name} revoke={() => revoke({ teamSlug, keyId })} consequence="Applications using this key get 401 within a second, on every instance." />;
}
