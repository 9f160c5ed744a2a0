// A release with 30 days of per-minute metrics for 20 cohorts × 2 variants × 3 metrics (error
// rate, latency with stored sketches, a count) plus exposures, rolled up to every stored
// resolution — what a month of busy traffic leaves in the built-in store. Generated in SQL so
// loading takes a minute, not an hour.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { DDSketch } from "@datadog/sketches-js";
import { getDb, type Db } from "../../lib/db/client";
import type { DatabaseProvider } from "../../lib/db/database-url";
import { applyPendingMigrations } from "../../lib/db/migrate";
import { DistinctSketch } from "../../lib/metrics/builtin/distinct-sketch";
import { rebuildBlocks } from "../../lib/metrics/builtin/rebuild-blocks";
import { murmur3 } from "../../lib/domain/murmur3";
import { EXPOSURE_METRIC_KEY } from "../../lib/metrics/metric-types";

export const DAYS = Number(process.env.DAYS_OVERRIDE ?? 30);
export const COHORTS = 20;
export const METRICS = [
  { key: "error-rate", name: "Error rate", kind: "error_rate", unit: "%", badDirection: "up" },
  { key: "latency", name: "Latency", kind: "latency", unit: "ms", badDirection: "up" },
  { key: "checkouts", name: "Checkouts", kind: "count", unit: "orders", badDirection: "down" },
] as const;

export type MetricsDataset = {
  url: string;
  provider: DatabaseProvider;
  db: Db;
  team: { id: string; prometheusUrl: null; prometheusToken: null };
  environment: { id: string; key: string };
  releaseKey: string;
  /** Epoch ms of the newest minute loaded (the benchmark's "now"). */
  now: number;
  minuteRows: number;
  drop: () => Promise<void>;
};

const ADMIN_URL = process.env.GLIDEPATH_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function freshUrl(provider: DatabaseProvider): Promise<{ url: string; drop: () => Promise<void> }> {
  if (provider === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "glidepath-metrics-bench-"));
    return {
      url: `file:${path.join(dir, "bench.db")}`,
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `glidepath_metrics_bench_${Date.now().toString(36)}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: ADMIN_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

function hex(bytes: Uint8Array) {
  return Buffer.from(bytes).toString("hex");
}

/** Representative stored sketches: what a minute of a few hundred requests serializes to. */
function sampleSketches() {
  const latency = new DDSketch({ relativeAccuracy: 0.01 });
  for (let i = 0; i < 300; i++) latency.accept(Math.exp(4.5 + Math.sin(i) * 0.6));
  const users = new DistinctSketch();
  for (let i = 0; i < 150; i++) users.add(murmur3(`user-${i}`));
  return { latency: hex(latency.toProto()), users: hex(users.serialize()) };
}

export async function loadMetricsDataset(
  provider: DatabaseProvider,
  log: (line: string) => void,
): Promise<MetricsDataset> {
  const { url, drop } = await freshUrl(provider);
  process.env.DATABASE_URL = url;
  await applyPendingMigrations(url);
  const db = getDb();
  const team = await db.team.create({
    data: {
      slug: "bench",
      name: "Bench",
      environments: { create: [{ key: "production", name: "Production", position: 1 }] },
    },
    include: { environments: true },
  });
  const environment = team.environments[0]!;
  await db.cohort.createMany({
    data: Array.from({ length: COHORTS }, (_, i) => ({
      teamId: team.id,
      key: `cohort-${i}`,
      name: `Cohort ${i}`,
      priority: i + 1,
      definition: JSON.stringify({ kind: "keys", keys: [`k-${i}`] }),
    })),
  });
  await db.release.create({
    data: {
      teamId: team.id,
      key: "new-checkout",
      name: "New checkout",
      salt: "bench",
      rollouts: { create: { environmentId: environment.id, status: "rolling", defaultBasisPoints: 2500 } },
    },
  });
  await db.metricDefinition.createMany({ data: METRICS.map((m, position) => ({ ...m, teamId: team.id, position })) });
  const families = [...METRICS.map((m) => m.key), EXPOSURE_METRIC_KEY];
  await db.metricSeries.createMany({
    data: families.flatMap((metricKey) =>
      Array.from({ length: COHORTS }, (_, i) =>
        ["treatment", "control"].map((variant) => ({
          environmentId: environment.id,
          metricKey,
          releaseKey: "new-checkout",
          cohortKey: `cohort-${i}`,
          variant,
        })),
      ).flat(),
    ),
  });

  const nowMinute = Math.floor(Date.now() / 60_000);
  const firstMinute = nowMinute - DAYS * 1440 + 1;
  const sketches = sampleSketches();
  const blob = (value: string) => (provider === "postgres" ? `decode('${value}', 'hex')` : `X'${value}'`);
  const minutes =
    provider === "postgres"
      ? `SELECT generate_series(0, ${DAYS * 1440 - 1}) AS x`
      : `WITH RECURSIVE m(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM m WHERE x < ${DAYS * 1440 - 1}) SELECT x FROM m`;
  const started = Date.now();
  for (const metricKey of families) {
    // Deterministic, varied numbers: a daily wave plus per-series offsets.
    const count = `(200 + ((m.x * 7 + s."id" * 13) % 97))`;
    const [sum, p50, p95, p99, sketch, distinct] =
      metricKey === "error-rate"
        ? [`(${count} * (0.01 + (s."id" % 3) * 0.005))`, "NULL", "NULL", "NULL", "NULL", "NULL"]
        : metricKey === "latency"
          ? [
              `(${count} * 120.0)`,
              "(100 + (m.x % 60))",
              "(240 + (m.x % 90))",
              "(400 + (m.x % 120))",
              blob(sketches.latency),
              "NULL",
            ]
          : metricKey === "checkouts"
            ? [`(${count} / 20)`, "NULL", "NULL", "NULL", "NULL", "NULL"]
            : ["0", "NULL", "NULL", "NULL", blob(sketches.users), `(${count} / 2)`];
    const select = `SELECT s."id", 60, ${firstMinute} + m.x, ${count}, ${sum}, ${p50}, ${p95}, ${p99}, ${sketch}, ${distinct}
      FROM "MetricSeries" s CROSS JOIN minutes m WHERE s."metricKey" = '${metricKey}'`;
    const insert = `INSERT INTO "MetricAggregate" ("seriesId", "resolution", "bucket", "count", "sum", "p50", "p95", "p99", "sketch", "distinct")`;
    await db.$executeRawUnsafe(
      provider === "postgres"
        ? `${insert} WITH minutes AS (${minutes}) ${select}`
        : `WITH minutes AS (${minutes}) ${insert} ${select}`,
    );
    log(`  ${metricKey}: ${COHORTS * 2 * DAYS * 1440} minute rows (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  // Coarser resolutions as ingest writes them: sums add, quantiles re-estimated (here: the
  // highest minute's, close enough for timing), sketches kept.
  const anySketch = provider === "postgres" ? `(array_agg("sketch"))[1]` : `MAX("sketch")`;
  for (const resolution of [300, 3600, 86400]) {
    const minutesPer = resolution / 60;
    await db.$executeRawUnsafe(`INSERT INTO "MetricAggregate" ("seriesId", "resolution", "bucket", "count", "sum", "p50", "p95", "p99", "sketch", "distinct")
      SELECT "seriesId", ${resolution}, ("bucket" / ${minutesPer}) * ${minutesPer}, SUM("count"), SUM("sum"), MAX("p50"), MAX("p95"), MAX("p99"), ${anySketch}, MAX("distinct")
      FROM "MetricAggregate" WHERE "resolution" = 60 GROUP BY "seriesId", ("bucket" / ${minutesPer}) * ${minutesPer}`);
    log(`  resolution ${resolution} s rolled up (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  const allSeries = await db.metricSeries.findMany({ select: { id: true, metricKey: true } });
  const blocks = await rebuildBlocks(db, allSeries, (key) => (key === "latency" ? "latency" : "plain"));
  log(`  ${blocks} chart blocks built (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  if (provider === "postgres") await db.$executeRawUnsafe(`VACUUM ANALYZE`);
  else await db.$executeRawUnsafe(`ANALYZE`);
  return {
    url,
    provider,
    db,
    team: { id: team.id, prometheusUrl: null, prometheusToken: null },
    environment: { id: environment.id, key: environment.key },
    releaseKey: "new-checkout",
    now: nowMinute * 60_000 + 59_999,
    minuteRows: families.length * COHORTS * 2 * DAYS * 1440,
    drop: async () => {
      await db.$disconnect();
      await drop();
    },
  };
}
