import { getDb } from "@/lib/db/client";
import type { CohortDefinition } from "@/lib/domain/cohort-rules";
import type { CompiledCohort, CompiledRelease } from "@/lib/domain/evaluate";
import { isReleaseStatus } from "@/lib/domain/rollout-state";
import { compileCohort } from "@/lib/domain/targeting";

/**
 * What an evaluator builds from the stored rows of one environment: cohorts in priority
 * order compiled from their JSON definitions, and the release's rollout there.
 */
export async function compiledFromDb(teamId: string, releaseKey: string, environmentId: string) {
  const db = getDb();
  const release = await db.release.findFirstOrThrow({ where: { teamId, key: releaseKey } });
  const rollout = await db.releaseRollout.findUniqueOrThrow({
    where: { releaseId_environmentId: { releaseId: release.id, environmentId } },
    include: { cohorts: { include: { cohort: { select: { key: true } } } } },
  });
  if (!isReleaseStatus(rollout.status)) throw new Error(`stored status "${rollout.status}" is not a release status`);
  const rows = await db.cohort.findMany({ where: { teamId, archivedAt: null }, orderBy: { priority: "asc" } });
  const cohorts: CompiledCohort[] = rows.map((c) => ({
    key: c.key,
    matches: compileCohort(JSON.parse(c.definition) as CohortDefinition),
  }));
  const compiled: CompiledRelease = {
    key: release.key,
    salt: release.salt,
    status: rollout.status,
    defaultBasisPoints: rollout.defaultBasisPoints,
    cohortBasisPoints: new Map(rollout.cohorts.map((c) => [c.cohort.key, c.basisPoints])),
  };
  return { release: compiled, cohorts };
}
