import { Prisma } from "@/lib/db/generated/sqlite/client";
import type { Db } from "@/lib/db/client";

export type StoredAggregate = {
  seriesId: number;
  /** Epoch minutes. */
  bucket: number;
  count: number;
  sum: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  distinct: number | null;
  sketch?: Uint8Array | null;
};

/** Rows of some series at one resolution with from ≤ bucket < to (epoch minutes), in bucket order. */
export async function readAggregates(
  db: Db,
  seriesIds: readonly number[],
  resolution: number,
  fromMinute: number,
  toMinute: number,
  withSketch: boolean,
): Promise<StoredAggregate[]> {
  if (seriesIds.length === 0) return [];
  const sketch = withSketch ? Prisma.sql`, "sketch"` : Prisma.empty;
  const rows = await db.$queryRaw<StoredAggregate[]>`
    SELECT "seriesId", "bucket", "count", "sum", "p50", "p95", "p99", "distinct"${sketch}
    FROM "MetricAggregate"
    WHERE "seriesId" IN (${Prisma.join(seriesIds)}) AND "resolution" = ${resolution}
      AND "bucket" >= ${fromMinute} AND "bucket" < ${toMinute}
    ORDER BY "seriesId", "bucket"`;
  return rows;
}
