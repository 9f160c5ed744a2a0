import "server-only";
import { readDb } from "@/lib/db/transaction";
import { loadActiveCohorts } from "@/lib/cohorts/load-active-cohorts";
import { matchesEveryone } from "@/lib/domain/cohort-reach";
import type { CohortDefinition } from "@/lib/domain/cohort-rules";
import type { ReleaseStatus } from "@/lib/domain/evaluate";
import { NotFoundError } from "@/lib/errors/domain-errors";

export type ReleaseView = Awaited<ReturnType<typeof getReleaseView>>;

// A stored definition that no longer validates matches nobody (see environment-snapshot).
const NOBODY: CohortDefinition = { kind: "keys", targetingKeys: [] };

/** One release in one environment, with every team cohort (explicit percentage or null). */
export async function getReleaseView(teamId: string, environmentId: string, releaseKey: string) {
  const db = readDb();
  const release = await db.release.findFirst({
    where: { teamId, key: releaseKey, archivedAt: null },
    include: {
      owner: { select: { id: true, name: true } },
      rollouts: {
        include: { cohorts: true, environment: { select: { key: true, name: true, position: true } } },
      },
    },
  });
  if (!release) throw new NotFoundError(`Release "${releaseKey}" not found`);
  const rollout = release.rollouts.find((r) => r.environmentId === environmentId);
  if (!rollout) throw new NotFoundError(`Release "${releaseKey}" has no rollout in this environment`);
  const cohorts = await loadActiveCohorts(db, teamId);
  const explicit = new Map(rollout.cohorts.map((c) => [c.cohortId, c.basisPoints]));
  return {
    key: release.key,
    name: release.name,
    description: release.description,
    critical: release.critical,
    owner: release.owner,
    createdAt: release.createdAt,
    rollout: {
      status: rollout.status as ReleaseStatus,
      version: rollout.version,
      defaultBasisPoints: rollout.defaultBasisPoints,
      updatedAt: rollout.updatedAt,
      updatedByName: rollout.updatedByName,
    },
    cohorts: cohorts.map((c) => ({
      key: c.key,
      name: c.name,
      definition: c.definition ?? NOBODY,
      basisPoints: explicit.get(c.id) ?? null,
    })),
    /** Cohorts that let everyone in: the approval policy judges them as everyone else. */
    universalCohorts: cohorts.filter((c) => c.definition && matchesEveryone(c.definition)).map((c) => c.key),
    otherEnvironments: release.rollouts
      .filter((r) => r.environmentId !== environmentId)
      .sort((a, b) => a.environment.position - b.environment.position)
      .map((r) => ({ key: r.environment.key, name: r.environment.name, status: r.status as ReleaseStatus, defaultBasisPoints: r.defaultBasisPoints })),
  };
}
