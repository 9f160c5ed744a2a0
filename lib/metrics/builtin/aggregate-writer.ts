import { Prisma } from "@/lib/db/generated/sqlite/client";
import type { Db, Tx } from "@/lib/db/client";
import type { DatabaseProvider } from "@/lib/db/database-url";
import { STORE_RESOLUTIONS } from "../choose-step";
import { AggregateCell, type AggregateRow } from "./aggregate-cell";
import { chunks, type SeriesRegistry } from "./series-registry";
import { seriesKeyString, type SeriesKey } from "./series-key";

/** What the buffer hands over: one series over one minute. */
export type MinuteCell = { series: SeriesKey; minute: number; cell: AggregateCell };

type PendingRow = { seriesId: number; resolution: number; bucket: number; cell: AggregateCell };

// Any constant: every flush on any instance takes the same lock, so two never merge the same
// sketch row from the same old value.
const FLUSH_LOCK = 71_402_113;

/** Bucket start (epoch minutes) of `minute` at `resolution` seconds. */
export function bucketOf(minute: number, resolution: number): number {
  const minutes = resolution / 60;
  return Math.floor(minute / minutes) * minutes;
}

/** Folds minute cells into every stored resolution, merging cells that share a row. */
export function rowsFor(cells: readonly MinuteCell[], ids: ReadonlyMap<string, number>): PendingRow[] {
  const rows = new Map<string, PendingRow>();
  for (const { series, minute, cell } of cells) {
    const seriesId = ids.get(seriesKeyString(series));
    if (seriesId === undefined) continue;
    for (const resolution of STORE_RESOLUTIONS) {
      const bucket = bucketOf(minute, resolution);
      const key = `${seriesId}:${resolution}:${bucket}`;
      const pending = rows.get(key);
      if (pending) {
        pending.cell.merge(cell);
      } else {
        // Each resolution gets its own copy: merging into one must not change another.
        const copy = new AggregateCell(cell.shape);
        copy.merge(cell);
        rows.set(key, { seriesId, resolution, bucket, cell: copy });
      }
    }
  }
  return [...rows.values()];
}

/**
 * Adds cells to the store in one transaction. Rows without a sketch add in the database
 * (count = count + excluded.count); rows with one are read, merged and written back.
 */
export async function writeCells(db: Db, provider: DatabaseProvider, registry: SeriesRegistry, cells: readonly MinuteCell[]): Promise<number> {
  if (cells.length === 0) return 0;
  const ids = await registry.idsFor(cells.map((c) => c.series), true);
  const rows = rowsFor(cells, ids);
  await db.$transaction(
    async (tx) => {
      if (provider === "postgres") await tx.$executeRaw`SELECT pg_advisory_xact_lock(${FLUSH_LOCK})`;
      const additive = rows.filter((r) => r.cell.shape === "plain");
      const merged = rows.filter((r) => r.cell.shape !== "plain");
      await mergeStoredSketches(tx, merged);
      for (const chunk of chunks(additive, 400)) await upsert(tx, chunk, true);
      for (const chunk of chunks(merged, 400)) await upsert(tx, chunk, false);
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
  return rows.length;
}

async function mergeStoredSketches(tx: Tx, rows: PendingRow[]): Promise<void> {
  for (const chunk of chunks(rows, 300)) {
    const wanted = chunk.map((r) => Prisma.sql`(${r.seriesId}, ${r.resolution}, ${r.bucket})`);
    const stored = await tx.$queryRaw<{ seriesId: number; resolution: number; bucket: number; count: number; sum: number; sketch: Uint8Array | null }[]>`
      SELECT "seriesId", "resolution", "bucket", "count", "sum", "sketch" FROM "MetricAggregate"
      WHERE ("seriesId", "resolution", "bucket") IN (${Prisma.join(wanted)})`;
    const byKey = new Map(stored.map((s) => [`${s.seriesId}:${s.resolution}:${s.bucket}`, s]));
    for (const row of chunk) {
      const existing = byKey.get(`${row.seriesId}:${row.resolution}:${row.bucket}`);
      if (existing) row.cell.merge(AggregateCell.fromRow(row.cell.shape, existing));
    }
  }
}

function upsert(tx: Tx, rows: PendingRow[], add: boolean) {
  const values = rows.map(({ seriesId, resolution, bucket, cell }) => {
    const r: AggregateRow = cell.toRow();
    const sketch = r.sketch ? Buffer.from(r.sketch) : null;
    return Prisma.sql`(${seriesId}, ${resolution}, ${bucket}, ${r.count}, ${r.sum}, ${r.p50}, ${r.p95}, ${r.p99}, ${sketch}, ${r.distinct})`;
  });
  const onConflict = add
    ? Prisma.sql`"count" = "MetricAggregate"."count" + excluded."count", "sum" = "MetricAggregate"."sum" + excluded."sum"`
    : Prisma.sql`"count" = excluded."count", "sum" = excluded."sum", "p50" = excluded."p50", "p95" = excluded."p95",
        "p99" = excluded."p99", "sketch" = excluded."sketch", "distinct" = excluded."distinct"`;
  return tx.$executeRaw`INSERT INTO "MetricAggregate" ("seriesId", "resolution", "bucket", "count", "sum", "p50", "p95", "p99", "sketch", "distinct")
    VALUES ${Prisma.join(values)}
    ON CONFLICT ("seriesId", "resolution", "bucket") DO UPDATE SET ${onConflict}`;
}
