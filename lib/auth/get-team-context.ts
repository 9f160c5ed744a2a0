import "server-only";
import type { Actor } from "./actor";
import { getTeamAccess } from "./get-team-access";
import type { TeamAccess } from "./require-role";
import { readDb } from "@/lib/db/transaction";
import { NotFoundError } from "@/lib/errors/domain-errors";

export type TeamEnvironment = { id: string; key: string; name: string; position: number };

/** A member's access to a team and the team's environments in order. */
export type TeamWithEnvironments = { access: TeamAccess; environments: TeamEnvironment[] };

/** The access and the environments, before one is chosen (see inEnvironment). */
export async function getTeamWithEnvironments(actor: Actor | null, teamSlug: string): Promise<TeamWithEnvironments> {
  const access = await getTeamAccess(actor, teamSlug);
  const environments = await readDb().environment.findMany({
    where: { teamId: access.teamId },
    orderBy: { position: "asc" },
    select: { id: true, key: true, name: true, position: true },
  });
  return { access, environments };
}

/** The environment in view: from the URL, defaulting to production, else the last one. */
export function inEnvironment(team: TeamWithEnvironments, environmentKey?: string | null) {
  const { environments } = team;
  const environment = environmentKey
    ? environments.find((e) => e.key === environmentKey)
    : (environments.find((e) => e.key === "production") ?? environments.at(-1));
  if (!environment) throw new NotFoundError(`Environment "${environmentKey}" not found`);
  return { ...team, environment };
}

/**
 * What every team page needs: the viewer's access, the environments in order and the one in
 * view (from the URL, defaulting to the last, usually production).
 */
export async function getTeamContext(
  actor: Actor | null,
  teamSlug: string,
  environmentKey?: string | null,
): Promise<TeamContext> {
  return inEnvironment(await getTeamWithEnvironments(actor, teamSlug), environmentKey);
}

export type TeamContext = TeamWithEnvironments & { environment: TeamEnvironment };
