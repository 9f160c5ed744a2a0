"use client";

import type { ActionResult } from "@/lib/http/actions/action-result";
import { RevokeButton } from "@/components/common/revoke-button";

type Props = {
  teamSlug: string;
  id: string;
  name: string;
  revoke: (input: Record<string, unknown>) => Promise<ActionResult<{ id: string }>>;
};

export function RevokeEmbedButton({ teamSlug, id, name, revoke }: Props) {
  return (
    <RevokeButton
      name={name}
      revoke={() => revoke({ teamSlug, id })}
      consequence={<>Pages showing this chart get &ldquo;revoked&rdquo; instead on their next refresh (within 30 seconds), and the link and its image answer 404.</>}
    />
  );
}
