import "server-only";
import { cache } from "react";
import type { Actor } from "@/lib/auth/actor";
import { getTeamWithEnvironments, inEnvironment, type TeamContext } from "@/lib/auth/get-team-context";
import { orNotFound, requirePageActor } from "./page-actor";

// Keyed by the (per-request cached) actor and the slug, so the layout and the page share one
// membership check and one environments read; each picks its own environment from them.
const teamOnce = cache((actor: Actor, teamSlug: string) => getTeamWithEnvironments(actor, teamSlug));

/**
 * For team pages and layouts: the signed-in actor (else a redirect to sign-in, back to
 * `callbackUrl`) and their access to the team in the environment in view (`environmentKey`,
 * default production). Not a member, or an unknown environment: the 404 page.
 */
export async function getPageTeamContext(callbackUrl: string, teamSlug: string, environmentKey?: string | null) {
  const actor = await requirePageActor(callbackUrl);
  const context: TeamContext = await orNotFound(
    teamOnce(actor, teamSlug).then((team) => inEnvironment(team, environmentKey)),
  );
  return { actor, ...context };
}
