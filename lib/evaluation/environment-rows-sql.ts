import type { EnvironmentRows, EnvironmentVersion, SnapshotPoll } from "./environment-rows";

/** A read-only query runner over one connection; `$1, $2…` placeholders, in order. */
export type SqlReader = { all<T>(sql: string, params?: readonly unknown[]): Promise<T[]> };

// Plain SQL rather than Prisma: it runs inside the snapshot worker, which should start in
// milliseconds and hold one small connection. Quoted identifiers are Prisma's table and column
// names, the same on SQLite and PostgreSQL.
const VERSIONS = `SELECT "id", "configVersion" FROM "Environment"`;
const ENVIRONMENT = `SELECT "id", "key", "teamId", "configVersion" FROM "Environment" WHERE "id" = $1`;
// Archived cohorts and releases take no part in evaluation.
const COHORTS = `SELECT "id", "key", "definition" FROM "Cohort" WHERE "teamId" = $1 AND "archivedAt" IS NULL ORDER BY "priority" ASC, "id" ASC`;
const ROLLOUTS = `SELECT r."key", r."salt", o."id" AS "rolloutId", o."status", o."defaultBasisPoints"
  FROM "Release" r JOIN "ReleaseRollout" o ON o."releaseId" = r."id"
  WHERE r."teamId" = $1 AND o."environmentId" = $2 AND r."archivedAt" IS NULL ORDER BY r."key" ASC`;
const COHORT_ROLLOUTS = `SELECT c."rolloutId", c."cohortId", c."basisPoints"
  FROM "CohortRollout" c JOIN "ReleaseRollout" o ON o."id" = c."rolloutId"
  WHERE o."environmentId" = $1 ORDER BY c."cohortId" ASC`;
const SDK_KEYS = `SELECT "hash" FROM "ApiKey" WHERE "environmentId" = $1 AND "kind" = 'sdk' AND "revokedAt" IS NULL ORDER BY "hash" ASC`;

type RolloutRow = { key: string; salt: string; rolloutId: string; status: string; defaultBasisPoints: number | bigint };
type CohortRolloutRow = { rolloutId: string; cohortId: string; basisPoints: number | bigint };

export async function readEnvironmentRows(sql: SqlReader, environmentId: string): Promise<EnvironmentRows | null> {
  const [environment] = await sql.all<EnvironmentRows["environment"]>(ENVIRONMENT, [environmentId]);
  if (!environment) return null;
  const cohorts = await sql.all<EnvironmentRows["cohorts"][number]>(COHORTS, [environment.teamId]);
  const rollouts = await sql.all<RolloutRow>(ROLLOUTS, [environment.teamId, environmentId]);
  const cohortRollouts = await sql.all<CohortRolloutRow>(COHORT_ROLLOUTS, [environmentId]);
  const keys = await sql.all<{ hash: string }>(SDK_KEYS, [environmentId]);
  const byRollout = new Map<string, { cohortId: string; basisPoints: number }[]>();
  for (const row of cohortRollouts) {
    const list = byRollout.get(row.rolloutId) ?? [];
    list.push({ cohortId: row.cohortId, basisPoints: Number(row.basisPoints) });
    byRollout.set(row.rolloutId, list);
  }
  return {
    environment: {
      id: environment.id,
      key: environment.key,
      teamId: environment.teamId,
      configVersion: Number(environment.configVersion),
    },
    cohorts: cohorts.map((c) => ({ id: c.id, key: c.key, definition: c.definition })),
    releases: rollouts.map((r) => ({
      key: r.key,
      salt: r.salt,
      status: r.status,
      defaultBasisPoints: Number(r.defaultBasisPoints),
      cohorts: byRollout.get(r.rolloutId) ?? [],
    })),
    sdkKeyHashes: keys.map((k) => k.hash),
  };
}

/** Versions of every environment, and the rows of those whose version differs from `known`. */
export async function readSnapshotPoll(sql: SqlReader, known: ReadonlyMap<string, number>): Promise<SnapshotPoll> {
  const versions = (await sql.all<EnvironmentVersion>(VERSIONS)).map((v) => ({
    id: v.id,
    configVersion: Number(v.configVersion),
  }));
  const environments: EnvironmentRows[] = [];
  for (const { id, configVersion } of versions) {
    if (known.get(id) === configVersion) continue;
    const rows = await readEnvironmentRows(sql, id);
    if (rows) environments.push(rows);
  }
  return { versions, environments };
}
