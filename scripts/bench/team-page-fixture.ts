// A busy team for the team page benchmark: 200 releases in production (160 rolling, 20 paused,
// 20 draft/promoted/rolled back), 6 cohorts with explicit percentages here and there, 3
// metrics, 12 pending change requests, 2,000 audit events, and 24 hours of hourly metric data
// (error rate and latency, every cohort and everyone else, both variants) for every active
// release, written through the built-in store's own writer.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { Actor } from "../../lib/auth/actor";
import { getDb, type Db } from "../../lib/db/client";
import type { DatabaseProvider } from "../../lib/db/database-url";
import { applyPendingMigrations } from "../../lib/db/migrate";
import { AggregateCell } from "../../lib/metrics/builtin/aggregate-cell";
import { writeCells, type MinuteCell } from "../../lib/metrics/builtin/aggregate-writer";
import { seriesRegistryFor } from "../../lib/metrics/builtin/series-registry";
import type { Variant } from "../../lib/metrics/metric-types";

export const RELEASES = 200;
export const COHORTS = 6;
const ADMIN_URL = process.env.GLIDEPATH_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export type TeamPageFixture = {
  provider: DatabaseProvider;
  url: string;
  db: Db;
  actor: Actor;
  userId: string;
  teamSlug: string;
  teamId: string;
  production: { id: string; key: string };
  activeReleases: number;
  drop: () => Promise<void>;
};

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function postgresReachable(): Promise<boolean> {
  try {
    await admin("SELECT 1");
    return true;
  } catch {
    return false;
  }
}

async function freshUrl(provider: DatabaseProvider): Promise<{ url: string; drop: () => Promise<void> }> {
  if (provider === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "glidepath-team-bench-"));
    return {
      url: `file:${path.join(dir, "bench.db")}`,
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `glidepath_team_bench_${Date.now().toString(36)}`;
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

function statusOf(i: number): string {
  if (i % 10 < 8) return "rolling";
  if (i % 10 === 8) return "paused";
  return ["draft", "promoted", "rolled_back"][Math.floor(i / 10) % 3]!;
}

const pad = (i: number) => String(i).padStart(3, "0");

export async function createTeamPageFixture(
  provider: DatabaseProvider,
  log: (line: string) => void,
): Promise<TeamPageFixture> {
  const { url, drop } = await freshUrl(provider);
  process.env.DATABASE_URL = url;
  await applyPendingMigrations(url);
  const db = getDb();
  const now = Date.now();
  const user = await db.user.create({ data: { email: "bench@glidepath.test", name: "Bench Admin" } });
  const team = await db.team.create({
    data: {
      slug: "bench",
      name: "Bench",
      environments: {
        create: [
          { key: "staging", name: "Staging", position: 1 },
          { key: "production", name: "Production", position: 2 },
        ],
      },
      memberships: { create: [{ userId: user.id, role: "admin" }] },
    },
    include: { environments: true },
  });
  const production = team.environments.find((e) => e.key === "production")!;
  const staging = team.environments.find((e) => e.key === "staging")!;
  await db.cohort.createMany({
    data: Array.from({ length: COHORTS }, (_, i) => ({
      teamId: team.id,
      key: `cohort-${i}`,
      name: `Cohort ${i}`,
      priority: i + 1,
      definition: JSON.stringify({ kind: "keys", targetingKeys: [`k-${i}`] }),
    })),
  });
  const cohorts = await db.cohort.findMany({ where: { teamId: team.id }, orderBy: { priority: "asc" } });
  await db.metricDefinition.createMany({
    data: [
      {
        teamId: team.id,
        key: "error-rate",
        name: "Error rate",
        unit: "%",
        kind: "error_rate",
        badDirection: "up",
        position: 1,
      },
      {
        teamId: team.id,
        key: "latency",
        name: "Latency",
        unit: "ms",
        kind: "latency",
        badDirection: "up",
        position: 2,
      },
      {
        teamId: team.id,
        key: "checkouts",
        name: "Checkouts",
        unit: "orders",
        kind: "count",
        badDirection: "down",
        position: 3,
      },
    ],
  });

  await db.release.createMany({
    data: Array.from({ length: RELEASES }, (_, i) => ({
      teamId: team.id,
      key: `release-${pad(i)}`,
      name: `Release ${pad(i)}`,
      salt: `release-${pad(i)}`,
      ownerId: user.id,
    })),
  });
  const releases = await db.release.findMany({ where: { teamId: team.id }, orderBy: { key: "asc" } });
  await db.releaseRollout.createMany({
    data: releases.flatMap((release, i) => [
      {
        releaseId: release.id,
        environmentId: production.id,
        status: statusOf(i),
        version: 3 + (i % 5),
        defaultBasisPoints: (i * 37) % 5000,
        updatedAt: new Date(now - i * 7 * 60_000),
        updatedByName: "Bench Admin",
      },
      { releaseId: release.id, environmentId: staging.id, status: "draft", updatedAt: new Date(now - i * 60_000) },
    ]),
  });
  const rollouts = await db.releaseRollout.findMany({
    where: { environmentId: production.id },
    include: { release: { select: { key: true } } },
  });
  await db.cohortRollout.createMany({
    data: rollouts.flatMap((rollout, i) =>
      cohorts.flatMap((cohort, j) =>
        (i + j) % 3 === 0
          ? [{ rolloutId: rollout.id, cohortId: cohort.id, basisPoints: (i * 13 + j * 71) % 10001 }]
          : [],
      ),
    ),
  });

  const audit = (i: number) => ({
    teamId: team.id,
    environmentId: production.id,
    releaseId: releases[i % RELEASES]!.id,
    actorType: "user",
    actorId: user.id,
    actorName: user.name,
    action: "rollout.percentages_set",
    summary: `Set cohort-${i % COHORTS} ${i % 50}% → ${(i % 50) + 5}% in Production`,
    before: JSON.stringify({
      defaultBasisPoints: 0,
      cohorts: { [`cohort-${i % COHORTS}`]: (i % 50) * 100 },
      version: 2,
    }),
    after: JSON.stringify({
      defaultBasisPoints: 0,
      cohorts: { [`cohort-${i % COHORTS}`]: ((i % 50) + 5) * 100 },
      version: 3,
    }),
    createdAt: new Date(now - i * 60_000),
  });
  for (let start = 0; start < 2000; start += 500)
    await db.auditEvent.createMany({ data: Array.from({ length: 500 }, (_, k) => audit(start + k)) });

  await db.changeRequest.createMany({
    data: Array.from({ length: 12 }, (_, i) => ({
      teamId: team.id,
      environmentId: production.id,
      releaseId: releases[i * 8]!.id,
      kind: "set_rollout",
      before: JSON.stringify({ defaultBasisPoints: 0, cohorts: { "cohort-0": 1000 } }),
      proposed: JSON.stringify({ defaultBasisPoints: 0, cohorts: { "cohort-0": 6000 } }),
      reasons: JSON.stringify(["cohort-0 raised above 50% (to 60%)"]),
      baseVersion: 3,
      requesterType: "user",
      requesterId: user.id,
      requesterName: user.name,
      createdAt: new Date(now - (12 - i) * 600_000),
      expiresAt: new Date(now + 86_400_000),
    })),
  });

  // Metric data: one minute per hour for the last 24 hours, so every hourly bucket has data.
  const registry = seriesRegistryFor(db);
  const active = rollouts.filter((r) => r.status === "rolling" || r.status === "paused");
  const cohortKeys = [...cohorts.map((c) => c.key), "default"];
  const nowHour = Math.floor(now / 3_600_000) * 60;
  const started = Date.now();
  for (const [n, rollout] of active.entries()) {
    const releaseKey = rollout.release.key;
    const cells: MinuteCell[] = [];
    for (let h = 0; h < 24; h++) {
      const minute = nowHour - h * 60 + 30;
      for (const [c, cohortKey] of cohortKeys.entries()) {
        for (const variant of ["treatment", "control"] as Variant[]) {
          const requests = 200 + ((h * 7 + c * 13 + n) % 97);
          // One cohort of every tenth release regresses: treatment errors 4× control's.
          const rate = 0.01 * (variant === "treatment" && c === n % COHORTS && n % 10 === 0 ? 4 : 1);
          const errors = new AggregateCell("plain");
          errors.addIncrement(requests, Math.round(requests * rate));
          const latency = new AggregateCell("latency");
          for (const value of [80, 120, 180, 260, 400])
            latency.addSample(value * (variant === "treatment" ? 1.02 : 1), requests / 5);
          const series = { environmentId: production.id, releaseKey, cohortKey, variant };
          cells.push(
            { series: { ...series, metricKey: "error-rate" }, minute, cell: errors },
            { series: { ...series, metricKey: "latency" }, minute, cell: latency },
          );
        }
      }
    }
    await writeCells(db, provider, registry, cells);
    if ((n + 1) % 40 === 0)
      log(`  metric data: ${n + 1}/${active.length} releases (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  if (provider === "postgres") await db.$executeRawUnsafe("VACUUM ANALYZE");
  else await db.$executeRawUnsafe("ANALYZE");

  return {
    provider,
    url,
    db,
    actor: { type: "user", id: user.id, name: user.name },
    userId: user.id,
    teamSlug: team.slug,
    teamId: team.id,
    production: { id: production.id, key: production.key },
    activeReleases: active.length,
    drop: async () => {
      await db.$disconnect();
      await drop();
    },
  };
}
