import { Prisma } from "@/lib/db/generated/sqlite/client";
import { getDb } from "@/lib/db/client";
import { murmur3 } from "@/lib/domain/murmur3";
import { AggregateCell, type CellShape } from "@/lib/metrics/builtin/aggregate-cell";
import { rebuildBlocks } from "@/lib/metrics/builtin/rebuild-blocks";
import { chunks, seriesRegistryFor } from "@/lib/metrics/builtin/series-registry";
import { seriesKeyString, type SeriesKey } from "@/lib/metrics/builtin/series-key";
import type { MetricKind } from "@/lib/metrics/metric-types";

/**
 * Weeks of stored metrics in every resolution a chart reads, written straight into the store's
 * tables (bucket rows, then blocks rebuilt from them, as after a bulk load): irregular values
 * of every magnitude, gaps, empty buckets, missing quantiles and sketches on the hourly rows
 * that longer ranges merge. Deterministic for a given seed.
 */
export type StoredFamily = { metricKey: string; kind: MetricKind | "exposure" };
export type StoredMetricsPlan = {
  environmentId: string;
  releaseKey: string;
  families: readonly StoredFamily[];
  cohortKeys: readonly string[];
  /** Series left without any row. */
  skip?: readonly { metricKey: string; cohortKey: string; variant: "treatment" | "control" }[];
  /** Epoch ms: the newest bucket is the one holding it. */
  now: number;
  seed?: number;
};

// Which resolutions hold how much history: enough for 6 h of minutes, 3.5 days of 5-minute
// buckets (24 h, and 15-minute steps that merge them), 32 days of hours (7 d, 30 d merged).
const HISTORY: readonly { resolution: number; buckets: number }[] = [
  { resolution: 60, buckets: 7 * 60 },
  { resolution: 300, buckets: 3.5 * 288 },
  { resolution: 3600, buckets: 32 * 24 },
];

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shapeOf(kind: StoredFamily["kind"]): CellShape {
  return kind === "latency" ? "latency" : kind === "exposure" ? "exposure" : "plain";
}

type Row = {
  seriesId: number;
  resolution: number;
  bucket: number;
  count: number;
  sum: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  sketch: Uint8Array<ArrayBuffer> | null;
  distinct: number | null;
};

function sketchesFor(shape: CellShape, rand: () => number): (Uint8Array<ArrayBuffer> | null)[] {
  if (shape === "plain") return [null];
  return Array.from({ length: 4 }, (_, s) => {
    const cell = new AggregateCell(shape);
    for (let i = 0; i < 200; i++) {
      if (shape === "latency") cell.addSample(20 + rand() * 400 * (s + 1));
      else cell.addExposure(murmur3(`user-${s}-${Math.floor(rand() * 120)}`));
    }
    return new Uint8Array(cell.toRow().sketch!);
  });
}

function rowFor(
  kind: StoredFamily["kind"],
  rand: () => number,
  scale: number,
): Omit<Row, "seriesId" | "resolution" | "bucket" | "sketch"> {
  // A few buckets hold nothing (a rate of 0/0) or values far from the usual magnitude.
  const count = rand() < 0.03 ? 0 : Math.round((20 + rand() * 400) * scale);
  switch (kind) {
    case "error_rate":
      return { count, sum: Math.round(count * rand() * rand() * 0.2), p50: null, p95: null, p99: null, distinct: null };
    case "latency": {
      const p50 = 40 + rand() * 200;
      const missing = rand() < 0.05;
      return {
        count,
        sum: count * (p50 * 1.1 + rand()),
        p50: missing ? null : p50,
        p95: missing ? null : p50 * (2 + rand()),
        p99: missing ? null : p50 * (4 + rand() * 3),
        distinct: null,
      };
    }
    case "count":
      return {
        count,
        sum: count * (rand() < 0.1 ? 1234.5678 : 1) * rand(),
        p50: null,
        p95: null,
        p99: null,
        distinct: null,
      };
    case "mean":
      return {
        count,
        sum: count * (rand() < 0.5 ? rand() * 1e6 : rand() * 1e-3),
        p50: null,
        p95: null,
        p99: null,
        distinct: null,
      };
    case "exposure":
      return { count, sum: 0, p50: null, p95: null, p99: null, distinct: count * (0.3 + rand() * 0.5) };
  }
}

/** Writes the plan's rows and blocks; answers how many bucket rows were stored. */
export async function storeMetrics(plan: StoredMetricsPlan): Promise<number> {
  const db = getDb();
  const rand = random(plan.seed ?? 7);
  const skipped = new Set((plan.skip ?? []).map((s) => `${s.metricKey}\u0000${s.cohortKey}\u0000${s.variant}`));
  const keys: SeriesKey[] = plan.families.flatMap(({ metricKey }) =>
    plan.cohortKeys.flatMap((cohortKey) =>
      (["treatment", "control"] as const)
        .filter((variant) => !skipped.has(`${metricKey}\u0000${cohortKey}\u0000${variant}`))
        .map((variant) => ({
          environmentId: plan.environmentId,
          metricKey,
          releaseKey: plan.releaseKey,
          cohortKey,
          variant,
        })),
    ),
  );
  const ids = await seriesRegistryFor(db).idsFor(keys, true);
  const nowMinute = Math.floor(plan.now / 60_000);
  const rows: Row[] = [];
  for (const key of keys) {
    const seriesId = ids.get(seriesKeyString(key))!;
    const kind = plan.families.find((f) => f.metricKey === key.metricKey)!.kind;
    const sketches = sketchesFor(shapeOf(kind), rand);
    for (const { resolution, buckets } of HISTORY) {
      const minutes = resolution / 60;
      const newest = Math.floor(nowMinute / minutes) * minutes;
      for (let i = 0; i < buckets; i++) {
        if (rand() < 0.15) continue; // no traffic in this bucket
        const sketch = resolution === 3600 ? sketches[Math.floor(rand() * sketches.length)]! : null;
        rows.push({ seriesId, resolution, bucket: newest - i * minutes, ...rowFor(kind, rand, minutes), sketch });
      }
    }
  }
  // Statements of 100 rows: a third of createMany's time here, and Prisma binds a raw query's
  // parameters in worse than linear time (500 rows took 15× as long as 100).
  for (const chunk of chunks(rows, 100)) {
    const values = chunk.map(
      (r) =>
        Prisma.sql`(${r.seriesId}, ${r.resolution}, ${r.bucket}, ${r.count}, ${r.sum}, ${r.p50}, ${r.p95}, ${r.p99}, ${r.sketch}, ${r.distinct})`,
    );
    await db.$executeRaw`INSERT INTO "MetricAggregate" ("seriesId", "resolution", "bucket", "count", "sum", "p50", "p95", "p99", "sketch", "distinct") VALUES ${Prisma.join(values)}`;
  }
  const kindOf = new Map(plan.families.map((f) => [f.metricKey, f.kind]));
  const series = keys.map((key) => ({ id: ids.get(seriesKeyString(key))!, metricKey: key.metricKey }));
  await rebuildBlocks(db, series, (metricKey) => shapeOf(kindOf.get(metricKey) ?? "count"));
  return rows.length;
}
