import path from "node:path";
import { Worker } from "node:worker_threads";
import type { MetricCatalog } from "../ingest/metric-catalog";
import { CellBatchBuilder, transferablesOf } from "./cell-batch";
import type { CellStoreStats } from "./cell-store";
import type { ExposureCounter } from "./exposure-counter";
import type { FlushWorkerConfig, FromWorker, ToWorker } from "./flush-protocol";
import type { MetricBuffer } from "./metric-buffer";
import type { MetricJournal } from "./metric-journal";
import { retentionFromEnv } from "./metric-retention";

export type MetricFlusherOptions = {
  databaseUrl: string;
  buffer: MetricBuffer;
  exposures: ExposureCounter;
  /** Fed with every team's definitions by the worker when it has no database client of its own. */
  catalog?: MetricCatalog;
  journal?: MetricJournal | null;
  /** Where dead processes' journals are looked for (default: the journal's own dir). */
  journalDir?: string | null;
  definitionsIntervalMs?: number;
};

export type FlusherStats = CellStoreStats & {
  /** Cells on the request thread waiting for the next flush. */
  buffered: number;
  /** Items accepted during an outage whose metric couldn't be checked yet. */
  deferred: number;
  flushes: number;
};

// The worker is plain JavaScript next to this file in the source tree; Next.js bundles this
// module elsewhere, so the path is taken from the working directory (`npm start` runs there).
const WORKER_ENTRY = path.join(
  /*turbopackIgnore: true*/ process.cwd(),
  "lib",
  "metrics",
  "builtin",
  "flush-worker-entry.mjs",
);

/**
 * The request thread's side of the flush: every interval (or early, when the buffer fills),
 * it moves the buffered cells and counted exposures to the flush worker as a few typed arrays
 * and goes back to answering requests; the worker merges, encodes and writes them with its
 * own database connection. A worker that dies is replaced, and what it was given is replayed
 * from the journal.
 */
export class MetricFlusher {
  private worker!: Worker;
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, (stored: boolean) => void>();
  private lastHanded: number | null = null;
  private inFlight = 0;
  private closing = false;
  private onClosed: (() => void) | null = null;
  private earlyFlush = false;
  private workerStats: CellStoreStats = { held: 0, quarantined: 0, dropped: 0, lastError: null, recentQuarantine: [] };
  private flushes = 0;
  private restarts = 0;
  // Resolved while a worker runs; a flush during a restart waits for the next one.
  private alive: Promise<void> = Promise.resolve();
  private revive: () => void = () => {};
  private definitionsFailing = false;

  constructor(private readonly options: MetricFlusherOptions) {
    options.buffer.onSpill = (spill) =>
      this.send({ type: "spill", ...spill }, [spill.values.buffer as ArrayBuffer, spill.weights.buffer as ArrayBuffer]);
    options.buffer.onPressure = () => this.requestFlush();
    options.buffer.journal = options.journal ?? null;
    if (options.catalog) options.catalog.requestRead = () => this.readDefinitionsNow();
    this.startWorker(null);
  }

  get lastError(): string | null {
    return this.workerStats.lastError;
  }

  stats(): FlusherStats {
    return {
      ...this.workerStats,
      buffered: this.options.buffer.size,
      deferred: this.options.buffer.deferred.size,
      flushes: this.flushes,
    };
  }

  start(intervalMs: number): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.flush(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** A flush soon, without waiting for the interval (the buffer is filling up): after the running one, if any. */
  requestFlush(): void {
    if (this.earlyFlush) return;
    this.earlyFlush = true;
    const previous = this.running ?? Promise.resolve();
    void previous.then(() => {
      this.earlyFlush = false;
      return this.flush();
    });
  }

  /** Resolves when everything buffered before the call is stored (or held after a failure). */
  flush(): Promise<void> {
    // Never rejects: a flush that throws must not stop every later one.
    const next = (this.running ?? Promise.resolve())
      .then(() => this.flushOnce())
      .catch((error: unknown) => console.error("[metrics] flush failed", error));
    this.running = next;
    void next.then(() => {
      if (this.running === next) this.running = null;
    });
    return next;
  }

  /** The last flush, then the worker goes; the journal is removed when everything was stored. */
  async close(): Promise<void> {
    this.stop();
    await this.flush();
    this.closing = true;
    const stored = this.workerStats.held === 0 && this.options.buffer.size === 0;
    this.worker.ref();
    await new Promise<void>((resolve) => {
      this.onClosed = resolve;
      this.send({ type: "close" });
    });
    await this.worker.terminate();
    if (stored) this.options.journal?.close();
  }

  private async flushOnce(): Promise<void> {
    await this.alive;
    const { buffer, exposures, journal, catalog } = this.options;
    if (catalog) await buffer.deferred.settle(catalog, buffer);
    const batch = new CellBatchBuilder();
    buffer.drainInto(batch);
    exposures.drainInto(batch);
    const segment = journal ? journal.rotate() : null;
    if (batch.size === 0 && this.workerStats.held === 0) {
      // Nothing opened a cell, so nothing was journaled since the last stored flush.
      if (segment !== null) journal!.acknowledge(segment);
      return;
    }
    const id = this.nextId++;
    this.inFlight += batch.size;
    this.updateOutstanding();
    this.lastHanded = segment;
    const done = new Promise<boolean>((resolve) => this.waiting.set(id, resolve));
    const built = batch.build();
    // Held open while the worker writes: a process stopping after a last flush waits for it.
    this.worker.ref();
    this.send({ type: "flush", id, batch: built, segment }, transferablesOf(built));
    await done;
    if (this.waiting.size === 0 && !this.closing) this.worker.unref();
    this.inFlight -= built.keys.length;
    this.updateOutstanding();
  }

  private updateOutstanding(): void {
    this.options.buffer.outstanding = this.inFlight + this.workerStats.held;
  }

  private readonly readsWaiting = new Map<number, () => void>();
  private nextReadId = 1;

  /** A read of the metric definitions now; resolves when it is done (or failed). */
  private readDefinitionsNow(): Promise<void> {
    const id = this.nextReadId++;
    return new Promise((resolve) => {
      this.readsWaiting.set(id, resolve);
      this.send({ type: "read-definitions", id });
    });
  }

  private readDone(id: number | null): void {
    if (id === null) return;
    this.readsWaiting.get(id)?.();
    this.readsWaiting.delete(id);
  }

  private send(message: ToWorker, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(message, transfer);
  }

  private startWorker(replayOwnUpTo: number | null): void {
    const { databaseUrl, journal } = this.options;
    const config: FlushWorkerConfig = {
      databaseUrl,
      journal: journal ? { dir: journal.dir, id: journal.id } : null,
      journalDir: this.options.journalDir === undefined ? (journal?.dir ?? null) : this.options.journalDir,
      replayOwnUpTo,
      maxHeldCells: this.options.buffer.limits.totalCells,
      definitionsIntervalMs: this.options.definitionsIntervalMs ?? 5_000,
      retention: retentionFromEnv(),
    };
    const worker = new Worker(WORKER_ENTRY, { workerData: config });
    worker.unref();
    worker.on("message", (message: FromWorker) => this.receive(message));
    worker.on("error", (error) => console.error("[metrics] flush worker failed", error));
    worker.on("exit", (code) => {
      if (this.closing || worker !== this.worker) return;
      // Restarts back off (1 s, 2 s, … 30 s) so a worker that can't start doesn't spin.
      const delay = Math.min(30_000, 1_000 * 2 ** Math.min(this.restarts++, 5));
      console.error(
        `[metrics] flush worker exited (code ${code}); another starts in ${delay / 1000} s and replays what this one was given from the journal`,
      );
      const given = this.lastHanded;
      this.workerStats = { ...this.workerStats, held: 0 };
      this.alive = new Promise((resolve) => (this.revive = resolve));
      for (const resolve of this.waiting.values()) resolve(false);
      this.waiting.clear();
      setTimeout(() => !this.closing && this.startWorker(given), delay).unref();
    });
    this.worker = worker;
    this.revive();
  }

  private receive(message: FromWorker): void {
    const { catalog, journal } = this.options;
    if (message.type === "flushed") {
      this.workerStats = message.stats;
      if (message.ownSegment !== null) journal?.acknowledge(message.ownSegment);
      this.waiting.get(message.id)?.(message.stored);
      this.waiting.delete(message.id);
      this.flushes++;
      if (message.stored) this.restarts = 0;
      this.updateOutstanding();
    } else if (message.type === "definitions") {
      this.definitionsFailing = false;
      catalog?.update(new Map(message.teams));
    } else if (message.type === "definitions-read") {
      this.readDone(message.id);
    } else if (message.type === "definitions-failed") {
      this.readDone(message.id);
      if (!this.definitionsFailing)
        console.warn(
          `[metrics] metric definitions can't be read (${message.error.split("\n").at(-1)}); ingest checks items against the last ones read and defers the rest`,
        );
      this.definitionsFailing = true;
      catalog?.failed();
    } else if (message.type === "log") {
      if (message.level === "error") console.error(message.message);
      else console.warn(message.message);
    } else if (message.type === "closed") {
      this.onClosed?.();
    }
  }
}
