import type { Db, Tx } from "@/lib/db/client";
import { cohortDefinitionSchema } from "@/lib/domain/cohort-rules";
import type { CompiledCohort, CompiledRelease } from "@/lib/domain/evaluate";
import { isReleaseStatus } from "@/lib/domain/rollout-state";
import { prefilterOf } from "@/lib/domain/cohort-resolver";
import { compileCohort } from "@/lib/domain/targeting";
import type { EnvironmentRows } from "./environment-rows";

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

/**
 * Rows → matchers and lookup maps. Runs on the thread that evaluates (compiled matchers are
 * closures, which can't cross threads); loading the rows may happen elsewhere.
 */
export function compileEnvironmentSnapshot(rows: EnvironmentRows): EnvironmentSnapshot {
  const cohortKeys = new Map(rows.cohorts.map((c) => [c.id, c.key]));
  const cohorts: CompiledCohort[] = rows.cohorts.map((c) => {
    const parsed = cohortDefinitionSchema.safeParse(parseJson(c.definition));
    // A definition that no longer validates matches nobody rather than taking the API down.
    if (!parsed.success) return { key: c.key, matches: () => false };
    return { key: c.key, matches: compileCohort(parsed.data), prefilter: prefilterOf(parsed.data) };
  });
  const releases = new Map<string, CompiledRelease>();
  for (const release of rows.releases) {
    releases.set(release.key, {
      key: release.key,
      salt: release.salt,
      status: isReleaseStatus(release.status) ? release.status : "draft",
      defaultBasisPoints: release.defaultBasisPoints,
      cohortBasisPoints: new Map(
        release.cohorts.flatMap((c) => {
          const key = cohortKeys.get(c.cohortId);
          return key ? [[key, c.basisPoints] as const] : [];
        }),
      ),
    });
  }
  return {
    environmentId: rows.environment.id,
    environmentKey: rows.environment.key,
    teamId: rows.environment.teamId,
    configVersion: rows.environment.configVersion,
    releases,
    cohorts,
    sdkKeyHashes: new Set(rows.sdkKeyHashes),
    loadedAt: Date.now(),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * The same rows through Prisma, for code that already holds a client (the release page's
 * "who gets it?"). The evaluation store reads them with plain SQL in a worker instead:
 * lib/evaluation/environment-rows-sql.ts, kept equal to this by evaluation-snapshot-rows.test.ts.
 */
export async function loadEnvironmentRows(db: Db | Tx, environmentId: string): Promise<EnvironmentRows | null> {
  const environment = await db.environment.findUnique({
    where: { id: environmentId },
    select: { id: true, key: true, teamId: true, configVersion: true },
  });
  if (!environment) return null;
  const [cohorts, releaseRows, keyRows] = await Promise.all([
    db.cohort.findMany({
      where: { teamId: environment.teamId, archivedAt: null },
      orderBy: [{ priority: "asc" }, { id: "asc" }],
      select: { id: true, key: true, definition: true },
    }),
    db.release.findMany({
      where: { teamId: environment.teamId, archivedAt: null, rollouts: { some: { environmentId } } },
      orderBy: { key: "asc" },
      select: {
        key: true,
        salt: true,
        rollouts: {
          where: { environmentId },
          select: {
            status: true,
            defaultBasisPoints: true,
            cohorts: { orderBy: { cohortId: "asc" }, select: { cohortId: true, basisPoints: true } },
          },
        },
      },
    }),
    db.apiKey.findMany({
      where: { environmentId, kind: "sdk", revokedAt: null },
      orderBy: { hash: "asc" },
      select: { hash: true },
    }),
  ]);
  return {
    environment,
    cohorts,
    releases: releaseRows.flatMap(({ key, salt, rollouts: [rollout] }) =>
      rollout
        ? [
            {
              key,
              salt,
              status: rollout.status,
              defaultBasisPoints: rollout.defaultBasisPoints,
              cohorts: rollout.cohorts,
            },
          ]
        : [],
    ),
    sdkKeyHashes: keyRows.map((k) => k.hash),
  };
}

export async function loadEnvironmentSnapshot(db: Db | Tx, environmentId: string): Promise<EnvironmentSnapshot | null> {
  const rows = await loadEnvironmentRows(db, environmentId);
  return rows ? compileEnvironmentSnapshot(rows) : null;
}
