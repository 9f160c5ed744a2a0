import "server-only";
import type { TeamContext } from "@/lib/auth/get-team-context";
import { readDb } from "@/lib/db/transaction";
import { loadActiveCohorts } from "@/lib/cohorts/load-active-cohorts";
import { MATCHES_NOBODY } from "@/lib/cohorts/cohort-row";
import { matchesEveryone } from "@/lib/domain/cohort-reach";
import { NotFoundError } from "@/lib/errors/domain-errors";
import { toReleaseRollout } from "@/lib/rollouts/rollout-row";

export type ReleaseView = Awaited<ReturnType<typeof getReleaseView>>;

/**
 * One release in the environment in view, with every team cohort (explicit percentage or
 * null). Any member may read. The id is for what the page reads next (its audit trail).
 */
export async function getReleaseView(context: TeamContext, input: { releaseKey: string }) {
  const { access, environment } = context;
  const db = readDb();
  const release = await db.release.findFirst({
    where: { teamId: access.teamId, key: input.releaseKey, archivedAt: null },
    include: {
      owner: { select: { id: true, name: true } },
      rollouts: {
        include: { cohorts: true, environment: { select: { key: true, name: true, position: true } } },
      },
    },
  });
  if (!release) throw new NotFoundError(`Release "${input.releaseKey}" not found`);
  const rollouts = release.rollouts.map(toReleaseRollout);
  const rollout = rollouts.find((r) => r.environmentId === environment.id);
  if (!rollout) throw new NotFoundError(`Release "${input.releaseKey}" has no rollout in this environment`);
  const cohorts = await loadActiveCohorts(db, access.teamId);
  const explicit = new Map(rollout.cohorts.map((c) => [c.cohortId, c.basisPoints]));
  return {
    id: release.id,
    key: release.key,
    name: release.name,
    description: release.description,
    critical: release.critical,
    owner: release.owner,
    createdAt: release.createdAt,
    rollout: {
      status: rollout.status,
      version: rollout.version,
      defaultBasisPoints: rollout.defaultBasisPoints,
      updatedAt: rollout.updatedAt,
      updatedByName: rollout.updatedByName,
    },
    cohorts: cohorts.map((c) => ({
      key: c.key,
      name: c.name,
      definition: c.definition ?? MATCHES_NOBODY,
      basisPoints: explicit.get(c.id) ?? null,
    })),
    /** Cohorts that let everyone in: the approval policy judges them as everyone else. */
    universalCohorts: cohorts.filter((c) => c.definition && matchesEveryone(c.definition)).map((c) => c.key),
    otherEnvironments: rollouts
      .filter((r) => r.environmentId !== environment.id)
      .sort((a, b) => a.environment.position - b.environment.position)
      .map((r) => ({
        key: r.environment.key,
        name: r.environment.name,
        status: r.status,
        defaultBasisPoints: r.defaultBasisPoints,
      })),
  };
}
