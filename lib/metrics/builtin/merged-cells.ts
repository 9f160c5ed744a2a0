import { Prisma } from "@/lib/db/generated/sqlite/client";
import type { Db } from "@/lib/db/client";
import { STORE_RESOLUTIONS } from "../choose-step";
import { AggregateCell, type CellShape } from "./aggregate-cell";
import { chunks } from "./series-registry";

/** Stored buckets of one resolution with from ≤ bucket < to (epoch minutes). */
export type BucketRange = { resolution: number; fromMinute: number; toMinute: number };

const COARSEST_FIRST = [...STORE_RESOLUTIONS].sort((a, b) => b - a);

// Each id list is repeated once per range (at most 7); this keeps a statement's parameters
// in the low thousands, where Prisma binds them quickly.
const SERIES_PER_STATEMENT = 200;

/**
 * Stored buckets that tile [from, to) minutes exactly, without overlap: whole buckets of the
 * coarsest resolution that fits in the middle, finer ones toward the edges, minutes at the very
 * edges. At most 7 ranges (a day range, then two of hours, of 5 minutes, of minutes), whatever
 * the window's length. Every resolution is written for every cell, so any tiling adds to the
 * same totals; the coarse rows just keep the number of rows (and sketches to merge) small.
 */
export function windowCover(fromMinute: number, toMinute: number): BucketRange[] {
  const ranges: BucketRange[] = [];
  const cover = (from: number, to: number, level: number): void => {
    if (from >= to) return;
    const resolution = COARSEST_FIRST[level]!;
    const minutes = resolution / 60;
    if (level === COARSEST_FIRST.length - 1) {
      ranges.push({ resolution, fromMinute: from, toMinute: to });
      return;
    }
    const start = Math.ceil(from / minutes) * minutes;
    const end = Math.floor(to / minutes) * minutes;
    if (start >= end) return cover(from, to, level + 1);
    ranges.push({ resolution, fromMinute: start, toMinute: end });
    cover(from, start, level + 1);
    cover(end, to, level + 1);
  };
  cover(fromMinute, toMinute, 0);
  return ranges;
}

type Row = { seriesId: number; count: number; sum: number; sketch: Uint8Array | null };

/**
 * Each series' data over [from, to) epoch minutes merged into one cell (sketches included),
 * read in one statement per 200 series: the ranges of `windowCover` joined by UNION ALL, each
 * an index range on the primary key. Series without rows in the window are absent.
 */
export async function readMergedCells(
  db: Db,
  shapes: ReadonlyMap<number, CellShape>,
  fromMinute: number,
  toMinute: number,
): Promise<Map<number, AggregateCell>> {
  const merged = new Map<number, AggregateCell>();
  const ranges = windowCover(fromMinute, toMinute);
  if (shapes.size === 0 || ranges.length === 0) return merged;
  for (const ids of chunks([...shapes.keys()], SERIES_PER_STATEMENT)) {
    const parts = ranges.map(
      (r) => Prisma.sql`SELECT "seriesId", "count", "sum", "sketch" FROM "MetricAggregate"
        WHERE "seriesId" IN (${Prisma.join(ids)}) AND "resolution" = ${r.resolution}
          AND "bucket" >= ${r.fromMinute} AND "bucket" < ${r.toMinute}`,
    );
    const rows = await db.$queryRaw<Row[]>(Prisma.join(parts, " UNION ALL "));
    for (const row of rows) {
      const seriesId = Number(row.seriesId);
      const cell = AggregateCell.fromRow(shapes.get(seriesId)!, row);
      const into = merged.get(seriesId);
      if (into) into.merge(cell);
      else merged.set(seriesId, cell);
    }
  }
  return merged;
}
