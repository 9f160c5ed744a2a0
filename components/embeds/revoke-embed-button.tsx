"use client";

import type { Action } from "@/lib/http/actions/action-result";
import type { RevokeEmbedLinkInput } from "@/lib/embeds/revoke-embed-link";
import { RevokeButton } from "@/components/common/revoke-button";

type Props = {
  teamSlug: string;
  id: string;
  name: string;
  revoke: Action<RevokeEmbedLinkInput, { id: string }>;
};

export function RevokeEmbedButton({ teamSlug, id, name, revoke }: Props) {
  return (
    <RevokeButton
      name={name}
      revoke={revoke}
      input={{ teamSlug, id }}
      consequence={
        <>
          Pages showing this chart get &ldquo;revoked&rdquo; instead on their next refresh (within 30 seconds), and the
          link and its image answer 404.
        </>
      }
    />
  );
}
