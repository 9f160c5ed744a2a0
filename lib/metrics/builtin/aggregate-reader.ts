import { Prisma } from "@/lib/db/generated/sqlite/client";
import type { Db } from "@/lib/db/client";
import { blockStart, MetricBlock, type BlockSlot } from "./metric-block";

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

/** Chart blocks of some series at one resolution covering from ≤ bucket < to (epoch minutes), for reading. */
export async function readBlocks(
  db: Db,
  seriesIds: readonly number[],
  resolution: number,
  fromMinute: number,
  toMinute: number,
): Promise<Map<number, MetricBlock[]>> {
  const bySeries = new Map<number, MetricBlock[]>();
  if (seriesIds.length === 0) return bySeries;
  const rows = await db.$queryRaw<{ seriesId: number; block: number; points: Uint8Array }[]>`
    SELECT "seriesId", "block", "points" FROM "MetricBlock"
    WHERE "seriesId" IN (${Prisma.join(seriesIds)}) AND "resolution" = ${resolution}
      AND "block" >= ${blockStart(fromMinute, resolution)} AND "block" < ${toMinute}
    ORDER BY "seriesId", "block"`;
  for (const row of rows) {
    const block = MetricBlock.view(row.points, resolution, Number(row.block));
    if (!block) continue;
    const list = bySeries.get(row.seriesId);
    if (list) list.push(block);
    else bySeries.set(row.seriesId, [block]);
  }
  return bySeries;
}

/** Filled slots of a series' blocks in [from, to), in bucket order. */
export function slotsIn(
  blocks: readonly MetricBlock[] | undefined,
  fromMinute: number,
  toMinute: number,
): [number, BlockSlot][] {
  const out: [number, BlockSlot][] = [];
  if (blocks) for (const block of blocks) block.slots(fromMinute, toMinute, out);
  return out;
}
