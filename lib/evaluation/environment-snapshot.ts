import type { Db, Tx } from "@/lib/db/client";
import { cohortDefinitionSchema } from "@/lib/domain/cohort-rules";
import type { CompiledCohort, CompiledRelease } from "@/lib/domain/evaluate";
import { isReleaseStatus } from "@/lib/domain/rollout-state";
import { prefilterOf } from "@/lib/domain/cohort-resolver";
import { compileCohort } from "@/lib/domain/targeting";

/** Everything needed to answer evaluations for one environment, compiled once. */
export type EnvironmentSnapshot = {
  environmentId: string;
  environmentKey: string;
  teamId: string;
  configVersion: number;
  releases: ReadonlyMap<string, CompiledRelease>;
  cohorts: readonly CompiledCohort[];
  sdkKeyHashes: ReadonlySet<string>;
  loadedAt: number;
};

export async function loadEnvironmentSnapshot(db: Db | Tx, environmentId: string): Promise<EnvironmentSnapshot | null> {
  const environment = await db.environment.findUnique({ where: { id: environmentId } });
  if (!environment) return null;
  const [cohortRows, releaseRows, keyRows] = await Promise.all([
    db.cohort.findMany({ where: { teamId: environment.teamId, archivedAt: null }, orderBy: { priority: "asc" }, select: { id: true, key: true, definition: true } }),
    db.release.findMany({
      where: { teamId: environment.teamId, archivedAt: null },
      select: {
        key: true,
        salt: true,
        rollouts: { where: { environmentId }, select: { status: true, defaultBasisPoints: true, cohorts: { select: { cohortId: true, basisPoints: true } } } },
      },
    }),
    db.apiKey.findMany({ where: { environmentId, kind: "sdk", revokedAt: null }, select: { hash: true } }),
  ]);
  const cohortKeys = new Map(cohortRows.map((c) => [c.id, c.key]));
  const cohorts: CompiledCohort[] = cohortRows.map((c) => {
    const parsed = cohortDefinitionSchema.safeParse(JSON.parse(c.definition));
    // A definition that no longer validates matches nobody rather than taking the API down.
    if (!parsed.success) return { key: c.key, matches: () => false };
    return { key: c.key, matches: compileCohort(parsed.data), prefilter: prefilterOf(parsed.data) };
  });
  const releases = new Map<string, CompiledRelease>();
  for (const release of releaseRows) {
    const rollout = release.rollouts[0];
    if (!rollout) continue;
    releases.set(release.key, {
      key: release.key,
      salt: release.salt,
      status: isReleaseStatus(rollout.status) ? rollout.status : "draft",
      defaultBasisPoints: rollout.defaultBasisPoints,
      cohortBasisPoints: new Map(rollout.cohorts.flatMap((c) => {
        const key = cohortKeys.get(c.cohortId);
        return key ? [[key, c.basisPoints] as const] : [];
      })),
    });
  }
  return {
    environmentId,
    environmentKey: environment.key,
    teamId: environment.teamId,
    configVersion: environment.configVersion,
    releases,
    cohorts,
    sdkKeyHashes: new Set(keyRows.map((k) => k.hash)),
    loadedAt: Date.now(),
  };
}
