"use server";

import { runAction } from "@/lib/http/actions/run-action";
import { revokeEmbedLink } from "@/lib/embeds/revoke-embed-link";

export async function revokeEmbedLinkAction(input: Record<string, unknown>) {
  return runAction((actor) => revokeEmbedLink(actor, input));
}
