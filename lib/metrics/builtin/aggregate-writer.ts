import { Prisma } from "@/lib/db/generated/sqlite/client";
import type { Db, Tx } from "@/lib/db/client";
import type { DatabaseProvider } from "@/lib/db/database-url";
import { STORE_RESOLUTIONS } from "../choose-step";
import { AggregateCell, unstorableField, type AggregateRow } from "./aggregate-cell";
import { blockStart, MetricBlock } from "./metric-block";
import { chunks, type SeriesRegistry } from "./series-registry";
import { seriesKeyString, type SeriesKey } from "./series-key";

/** What the buffer hands over: one series over one minute. */
export type MinuteCell = { series: SeriesKey; minute: number; cell: AggregateCell };

/** Journal segments whose observations a write covers (metric-journal.ts), stored with it. */
export type JournalMark = { journalId: string; segment: number };

/** A row that can't be stored: a value the columns can't hold. Isolated, not retried. */
export class UnstorableRowError extends Error {}

type PendingRow = { seriesId: number; resolution: number; bucket: number; cell: AggregateCell };

// Any constant: every flush on any instance takes the same lock, so two never merge the same
// sketch row from the same old value.
const FLUSH_LOCK = 71_402_113;

/** Bucket start (epoch minutes) of `minute` at `resolution` seconds. */
export function timeBucketStart(minute: number, resolution: number): number {
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
      const bucket = timeBucketStart(minute, resolution);
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
 * Adds cells to the store in one transaction: each affected bucket row is read, merged and
 * written back, then the chart blocks holding those buckets are patched with the new values.
 * `marks` are written in the same transaction, so a journal replay never adds these twice.
 * Runs on the flush worker (flush-worker.ts), never on a thread that answers requests.
 */
export async function writeCells(
  db: Db,
  provider: DatabaseProvider,
  registry: SeriesRegistry,
  cells: readonly MinuteCell[],
  marks: readonly JournalMark[] = [],
): Promise<number> {
  if (cells.length === 0 && marks.length === 0) return 0;
  const ids =
    cells.length > 0
      ? await registry.idsFor(
          cells.map((c) => c.series),
          true,
        )
      : new Map<string, number>();
  const rows = rowsFor(cells, ids);
  await db.$transaction(
    async (tx) => {
      if (provider === "postgres") await tx.$executeRaw`SELECT pg_advisory_xact_lock(${FLUSH_LOCK})`;
      await mergeStored(tx, rows);
      const written: WrittenRow[] = rows.map((row) => ({ ...row, stored: row.cell.toRow() }));
      for (const row of written) {
        const field = unstorableField(row.stored);
        if (field)
          throw new UnstorableRowError(
            `${field} of series ${row.seriesId} at resolution ${row.resolution}, bucket ${row.bucket} is ${row.stored[field]}`,
          );
      }
      for (const chunk of chunks(written, 100)) await upsertAggregates(tx, chunk);
      await patchBlocks(tx, written);
      await writeMarks(tx, marks);
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
  return rows.length;
}

async function writeMarks(tx: Tx, marks: readonly JournalMark[]): Promise<void> {
  if (marks.length === 0) return;
  const minute = Math.floor(Date.now() / 60_000);
  const values = marks.map((m) => Prisma.sql`(${m.journalId}, ${m.segment}, ${minute})`);
  await tx.$executeRaw`INSERT INTO "MetricJournal" ("id", "segment", "minute") VALUES ${Prisma.join(values)}
    ON CONFLICT ("id") DO UPDATE SET "segment" = excluded."segment", "minute" = excluded."minute"`;
}

async function mergeStored(tx: Tx, rows: PendingRow[]): Promise<void> {
  for (const chunk of chunks(rows, 100)) {
    const wanted = chunk.map((r) => Prisma.sql`(${r.seriesId}, ${r.resolution}, ${r.bucket})`);
    const stored = await tx.$queryRaw<
      { seriesId: number; resolution: number; bucket: number; count: number; sum: number; sketch: Uint8Array | null }[]
    >`
      SELECT "seriesId", "resolution", "bucket", "count", "sum", "sketch" FROM "MetricAggregate"
      WHERE ("seriesId", "resolution", "bucket") IN (${Prisma.join(wanted)})`;
    const byKey = new Map(stored.map((s) => [`${s.seriesId}:${s.resolution}:${s.bucket}`, s]));
    for (const row of chunk) {
      const existing = byKey.get(`${row.seriesId}:${row.resolution}:${row.bucket}`);
      if (existing) row.cell.merge(AggregateCell.fromRow(row.cell.shape, existing));
    }
  }
}

type WrittenRow = PendingRow & { stored: AggregateRow };

function upsertAggregates(tx: Tx, rows: WrittenRow[]) {
  const values = rows.map(({ seriesId, resolution, bucket, stored: r }) => {
    const sketch = r.sketch ? Buffer.from(r.sketch) : null;
    return Prisma.sql`(${seriesId}, ${resolution}, ${bucket}, ${r.count}, ${r.sum}, ${r.p50}, ${r.p95}, ${r.p99}, ${sketch}, ${r.distinct})`;
  });
  return tx.$executeRaw`INSERT INTO "MetricAggregate" ("seriesId", "resolution", "bucket", "count", "sum", "p50", "p95", "p99", "sketch", "distinct")
    VALUES ${Prisma.join(values)}
    ON CONFLICT ("seriesId", "resolution", "bucket") DO UPDATE SET "count" = excluded."count", "sum" = excluded."sum",
      "p50" = excluded."p50", "p95" = excluded."p95", "p99" = excluded."p99", "sketch" = excluded."sketch", "distinct" = excluded."distinct"`;
}

async function patchBlocks(tx: Tx, rows: WrittenRow[]): Promise<void> {
  const blocks = new Map<
    string,
    { seriesId: number; resolution: number; start: number; shape: WrittenRow["cell"]["shape"]; rows: WrittenRow[] }
  >();
  for (const row of rows) {
    const start = blockStart(row.bucket, row.resolution);
    const key = `${row.seriesId}:${row.resolution}:${start}`;
    const entry = blocks.get(key);
    if (entry) entry.rows.push(row);
    else
      blocks.set(key, {
        seriesId: row.seriesId,
        resolution: row.resolution,
        start,
        shape: row.cell.shape,
        rows: [row],
      });
  }
  for (const chunk of chunks([...blocks.values()], 100)) {
    const wanted = chunk.map((b) => Prisma.sql`(${b.seriesId}, ${b.resolution}, ${b.start})`);
    const stored = await tx.$queryRaw<{ seriesId: number; resolution: number; block: number; points: Uint8Array }[]>`
      SELECT "seriesId", "resolution", "block", "points" FROM "MetricBlock"
      WHERE ("seriesId", "resolution", "block") IN (${Prisma.join(wanted)})`;
    const byKey = new Map(stored.map((s) => [`${s.seriesId}:${s.resolution}:${s.block}`, s.points]));
    const values = chunk.map(({ seriesId, resolution, start, shape, rows: blockRows }) => {
      const bytes = byKey.get(`${seriesId}:${resolution}:${start}`);
      const decoded = bytes ? MetricBlock.decode(bytes, resolution, start) : null;
      // A block of another shape (the metric's kind changed) starts over with the new shape.
      const block = decoded && decoded.shape === shape ? decoded : MetricBlock.empty(shape, resolution, start);
      for (const row of blockRows) block.set(row.bucket, row.stored);
      return Prisma.sql`(${seriesId}, ${resolution}, ${start}, ${Buffer.from(block.encode())})`;
    });
    await tx.$executeRaw`INSERT INTO "MetricBlock" ("seriesId", "resolution", "block", "points") VALUES ${Prisma.join(values)}
      ON CONFLICT ("seriesId", "resolution", "block") DO UPDATE SET "points" = excluded."points"`;
  }
}
