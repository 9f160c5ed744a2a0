"use server";

import { runAction } from "@/lib/http/actions/run-action";
import { revokeEmbedLink, type RevokeEmbedLinkInput } from "@/lib/embeds/revoke-embed-link";

export async function revokeEmbedLinkAction(input: RevokeEmbedLinkInput) {
  return runAction((actor) => revokeEmbedLink(actor, input));
}
