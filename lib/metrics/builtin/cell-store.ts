import type { Db } from "@/lib/db/client";
import type { DatabaseProvider } from "@/lib/db/database-url";
import { writeCells, type JournalMark, type MinuteCell } from "./aggregate-writer";
import { isTransientDbError } from "./transient-db-error";
import type { SeriesRegistry } from "./series-registry";
import { seriesKeyString } from "./series-key";

export type QuarantinedCell = { series: string; minute: number; count: number; sum: number; reason: string };

export type CellStoreStats = {
  /** Cells kept after a failed write (database unreachable), retried with the next flush. */
  held: number;
  /** Cells that could never be stored, set aside so they don't block every other one. */
  quarantined: number;
  /** Held cells let go because the hold was full (the oldest minutes first). */
  dropped: number;
  lastError: string | null;
  recentQuarantine: QuarantinedCell[];
};

export type StoreOutcome = { stored: boolean; marks: JournalMark[] };

// One transaction per this many minute cells: a back-fill or a burst never holds the
// database's write lock (SQLite has one writer) or a flush's memory for long.
const CELLS_PER_TRANSACTION = 500;
const RECENT_QUARANTINE = 20;

class OutageError extends Error {}

/**
 * Writes minute cells, keeping the store writable whatever a cell holds: when a write fails
 * while the database answers, the batch is split until the cell that fails is alone, and that
 * cell is quarantined (logged, counted) while every other one is stored. When the database
 * doesn't answer, everything is held for the next flush, within a bound.
 */
export class CellStore {
  private held: MinuteCell[] = [];
  private heldMarks: JournalMark[] = [];
  private readonly stats: CellStoreStats = {
    held: 0,
    quarantined: 0,
    dropped: 0,
    lastError: null,
    recentQuarantine: [],
  };

  constructor(
    private readonly db: Db,
    private readonly provider: DatabaseProvider,
    private readonly registry: SeriesRegistry,
    private readonly maxHeld: number,
    private readonly log: (message: string) => void = (m) => console.error(m),
  ) {}

  snapshot(): CellStoreStats {
    return { ...this.stats, held: this.held.length, recentQuarantine: [...this.stats.recentQuarantine] };
  }

  /** Stores `cells` with whatever was held, then `marks`; false when the database was unreachable. */
  async store(cells: readonly MinuteCell[], marks: readonly JournalMark[]): Promise<StoreOutcome> {
    const all = mergeCells([...this.held, ...cells]);
    const allMarks = latestMarks([...this.heldMarks, ...marks]);
    this.held = [];
    this.heldMarks = [];
    const batches = chunked(all, CELLS_PER_TRANSACTION);
    if (batches.length === 0) batches.push([]);
    for (let i = 0; i < batches.length; i++) {
      const last = i === batches.length - 1;
      try {
        await this.isolate(batches[i]!, last ? allMarks : []);
      } catch (error) {
        if (!(error instanceof OutageError)) throw error;
        this.stats.lastError = error.message;
        this.registry.forget();
        this.hold(batches.slice(i).flat(), allMarks);
        return { stored: false, marks: [] };
      }
    }
    this.stats.lastError = null;
    return { stored: true, marks: allMarks };
  }

  private async isolate(cells: MinuteCell[], marks: readonly JournalMark[]): Promise<void> {
    try {
      await writeCells(this.db, this.provider, this.registry, cells, marks);
      return;
    } catch (error) {
      if (await this.isOutage(error)) throw new OutageError((error as Error).message);
      // Only the marks, and they can't be written: nothing to isolate (the cells are stored).
      if (cells.length === 0) throw error;
      if (cells.length === 1) {
        this.quarantine(cells[0]!, error as Error);
        if (marks.length > 0) await this.isolate([], marks);
        return;
      }
    }
    const half = Math.ceil(cells.length / 2);
    await this.isolate(cells.slice(0, half), []);
    await this.isolate(cells.slice(half), marks);
  }

  private async isOutage(error: unknown): Promise<boolean> {
    if (isTransientDbError(error)) return true;
    try {
      await this.db.$queryRaw`SELECT 1`;
      return false;
    } catch {
      return true;
    }
  }

  private quarantine({ series, minute, cell }: MinuteCell, error: Error): void {
    this.stats.quarantined++;
    const entry: QuarantinedCell = {
      series: seriesKeyString(series).replaceAll("\u0000", "/"),
      minute,
      count: cell.count,
      sum: cell.sum,
      reason: error.message.split("\n").filter(Boolean).at(-1) ?? "unknown",
    };
    this.stats.recentQuarantine = [entry, ...this.stats.recentQuarantine].slice(0, RECENT_QUARANTINE);
    this.log(
      `[metrics] quarantined a cell the store refuses: ${entry.series} at ${new Date(minute * 60_000).toISOString()} (count ${entry.count}, sum ${entry.sum}): ${entry.reason}; ` +
        `${this.stats.quarantined} quarantined since start, every other cell stored`,
    );
  }

  private hold(cells: MinuteCell[], marks: JournalMark[]): void {
    // Bounded so an outage can't grow memory without end: past this, the oldest minutes go.
    const kept =
      cells.length > this.maxHeld ? [...cells].sort((a, b) => b.minute - a.minute).slice(0, this.maxHeld) : cells;
    this.stats.dropped += cells.length - kept.length;
    this.held = kept;
    this.heldMarks = marks;
  }
}

function mergeCells(cells: MinuteCell[]): MinuteCell[] {
  const byKey = new Map<string, MinuteCell>();
  for (const entry of cells) {
    const key = `${seriesKeyString(entry.series)}\u0000${entry.minute}`;
    const into = byKey.get(key);
    if (!into) byKey.set(key, entry);
    // A metric whose kind changed in between keeps the newer shape's data.
    else if (into.cell.shape === entry.cell.shape) into.cell.merge(entry.cell);
    else byKey.set(key, entry);
  }
  return [...byKey.values()];
}

function latestMarks(marks: JournalMark[]): JournalMark[] {
  const latest = new Map<string, number>();
  for (const { journalId, segment } of marks) latest.set(journalId, Math.max(segment, latest.get(journalId) ?? -1));
  return [...latest].map(([journalId, segment]) => ({ journalId, segment }));
}

/** Cells of one series and nearby minutes together, so coarse buckets are mostly written once. */
function chunked(cells: MinuteCell[], size: number): MinuteCell[][] {
  const keyed = cells.map((c) => ({ c, key: seriesKeyString(c.series) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.c.minute - b.c.minute));
  const out: MinuteCell[][] = [];
  for (let i = 0; i < keyed.length; i += size) out.push(keyed.slice(i, i + size).map((k) => k.c));
  return out;
}
