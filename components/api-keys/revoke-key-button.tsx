"use client";

import type { Action } from "@/lib/http/actions/action-result";
import type { RevokeApiKeyInput } from "@/lib/api-keys/revoke-api-key";
import { RevokeButton } from "@/components/common/revoke-button";

type Props = {
  teamSlug: string;
  keyId: string;
  name: string;
  revoke: Action<RevokeApiKeyInput, { keyId: string }>;
};

export function RevokeKeyButton({ teamSlug, keyId, name, revoke }: Props) {
  return (
    <RevokeButton
      name={name}
      revoke={revoke}
      input={{ teamSlug, keyId }}
      consequence="Applications using this key get 401 within a second, on every instance."
    />
  );
}
