import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import type { Actor } from "@/lib/auth/actor";
import { getTeamWithEnvironments, inEnvironment, type TeamContext } from "@/lib/auth/get-team-context";
import { orNotFound, requirePageActor } from "./page-actor";
import { ENVIRONMENT_COOKIE, rememberedEnvironmentKey } from "./remembered-environment";

// Keyed by the (per-request cached) actor and the slug, so the layout and the page share one
// membership check and one environments read; each picks its own environment from them.
const teamOnce = cache((actor: Actor, teamSlug: string) => getTeamWithEnvironments(actor, teamSlug));

/**
 * For team pages and layouts: the signed-in actor (else a redirect to sign-in, back to
 * `callbackUrl`) and their access to the team in the environment in view: `environmentKey`
 * (?env=), else the one last viewed in this team, else production. Not a member, or an unknown
 * ?env=: the 404 page; a remembered environment that no longer exists is simply not used.
 */
export async function getPageTeamContext(callbackUrl: string, teamSlug: string, environmentKey?: string | null) {
  const actor = await requirePageActor(callbackUrl);
  const team = await orNotFound(teamOnce(actor, teamSlug));
  const remembered = environmentKey ? null : rememberedEnvironmentKey((await cookies()).get(ENVIRONMENT_COOKIE)?.value);
  const key = environmentKey || (team.environments.some((e) => e.key === remembered) ? remembered : null);
  const context: TeamContext = await orNotFound(Promise.resolve().then(() => inEnvironment(team, key)));
  return { actor, ...context };
}
