import type { Db } from "@/lib/db/client";
import type { DatabaseProvider } from "@/lib/db/database-url";
import { writeCells, type MinuteCell } from "./aggregate-writer";
import type { ExposureCounter } from "./exposure-counter";
import type { MetricBuffer } from "./metric-buffer";
import type { SeriesRegistry } from "./series-registry";

// Bounded so an outage can't grow memory without end: past this, the oldest minutes go first.
const MAX_HELD_CELLS = 200_000;

/**
 * Moves buffered observations and exposures into the store. A failed flush (database down)
 * keeps the cells for the next one; ingest and evaluation never wait on it.
 */
export class MetricFlusher {
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  lastError: string | null = null;
  droppedCells = 0;

  constructor(
    private readonly db: Db,
    private readonly provider: DatabaseProvider,
    private readonly registry: SeriesRegistry,
    private readonly buffer: MetricBuffer,
    private readonly exposures: ExposureCounter,
  ) {}

  start(intervalMs: number): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.flush(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Resolves when everything buffered before the call is stored (or held after a failure). */
  flush(): Promise<void> {
    const previous = this.running ?? Promise.resolve();
    const next = previous.then(() => this.flushOnce());
    this.running = next.finally(() => {
      if (this.running === next) this.running = null;
    });
    return next;
  }

  private async flushOnce(): Promise<void> {
    const cells: MinuteCell[] = [...this.buffer.drain(), ...this.exposures.drain()];
    if (cells.length === 0) return;
    try {
      await writeCells(this.db, this.provider, this.registry, cells);
      this.lastError = null;
    } catch (error) {
      this.lastError = (error as Error).message;
      this.registry.forget();
      console.warn(`[metrics] flush of ${cells.length} cells failed, keeping them for the next try: ${this.lastError}`);
      const kept = cells.length > MAX_HELD_CELLS ? [...cells].sort((a, b) => b.minute - a.minute).slice(0, MAX_HELD_CELLS) : cells;
      this.droppedCells += cells.length - kept.length;
      this.buffer.restore(kept);
    }
  }
}
