import { Worker } from "node:worker_threads";
import type { SnapshotPoll } from "./environment-rows";
import type { SnapshotWorkerData, SnapshotWorkerReply } from "./snapshot-worker-protocol";

/** Where the evaluation store gets its rows from. */
export type SnapshotSource = {
  poll(known: ReadonlyMap<string, number>): Promise<SnapshotPoll>;
  close(): Promise<void>;
};

export type SnapshotWorkerOptions = {
  busyTimeoutMs?: number;
  statementTimeoutMs?: number;
  connectTimeoutMs?: number;
  /** A worker that hasn't answered by then is replaced (a driver stuck beyond its own timeouts). */
  answerTimeoutMs?: number;
};

export const SNAPSHOT_BUSY_TIMEOUT_MS = 1_000;
export const SNAPSHOT_STATEMENT_TIMEOUT_MS = 5_000;

function startWorker(data: SnapshotWorkerData): Worker {
  if (process.env.NEXT_RUNTIME) {
    // Inside the Next.js server: Turbopack bundles the worker from this exact expression
    // (new Worker(new URL(…, import.meta.url))) into a chunk of its own.
    return new Worker(new URL("./snapshot-worker.ts", import.meta.url), { workerData: data });
  }
  // From source (tsx scripts, Vitest): a worker can't load TypeScript by itself on Node 20, even
  // with the parent's --import flags, so it starts through tsx's ESM API. Both paths are derived
  // from this file's own URL as text, so no bundler tries to follow them.
  const here = /lib\/evaluation\/snapshot-worker-client\.ts$/;
  const tsxApi = import.meta.url.replace(here, "node_modules/tsx/dist/esm/api/index.mjs");
  const entry = import.meta.url.replace(here, "lib/evaluation/snapshot-worker.ts");
  const code = `import(${JSON.stringify(tsxApi)}).then(({ tsImport }) => tsImport(${JSON.stringify(entry)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(code, { eval: true, workerData: data });
}

type Pending = { resolve: (poll: SnapshotPoll) => void; reject: (error: Error) => void; timer: NodeJS.Timeout };

/**
 * The evaluation store's reads, run on a worker thread with its own connection
 * (snapshot-worker.ts), so a locked or slow database never holds the thread that answers
 * evaluations. Started on first use, restarted after a crash or a hang.
 */
export class SnapshotWorkerClient implements SnapshotSource {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly data: SnapshotWorkerData;
  private readonly answerTimeoutMs: number;

  constructor(url: string, options: SnapshotWorkerOptions = {}) {
    this.data = {
      url,
      busyTimeoutMs: options.busyTimeoutMs ?? SNAPSHOT_BUSY_TIMEOUT_MS,
      statementTimeoutMs: options.statementTimeoutMs ?? SNAPSHOT_STATEMENT_TIMEOUT_MS,
      connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
    };
    this.answerTimeoutMs =
      options.answerTimeoutMs ??
      Math.max(this.data.busyTimeoutMs, this.data.statementTimeoutMs, this.data.connectTimeoutMs) + 10_000;
  }

  poll(known: ReadonlyMap<string, number>): Promise<SnapshotPoll> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<SnapshotPoll>((resolve, reject) => {
      const timer = setTimeout(
        () => this.restart(new Error(`the snapshot worker did not answer within ${this.answerTimeoutMs / 1000} s`)),
        this.answerTimeoutMs,
      );
      timer.unref();
      this.pending.set(id, { resolve, reject, timer });
      // Held open only while a poll is out: an idle worker must not keep a script running.
      worker.ref();
      worker.postMessage({ id, known: [...known] });
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.failAll(new Error("the snapshot worker was stopped"));
    this.worker = null;
    await worker?.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker(this.data);
    worker.on("message", (reply: SnapshotWorkerReply) => {
      const pending = this.pending.get(reply.id);
      if (!pending) return;
      this.pending.delete(reply.id);
      clearTimeout(pending.timer);
      if (this.pending.size === 0) worker.unref();
      if (reply.ok) pending.resolve(reply.result);
      else pending.reject(new Error(reply.error));
    });
    worker.on("error", (error) => this.forget(worker, error));
    worker.on("exit", (code) => this.forget(worker, new Error(`the snapshot worker exited (code ${code})`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private forget(worker: Worker, error: Error) {
    if (this.worker !== worker) return;
    this.worker = null;
    this.failAll(error);
  }

  private restart(error: Error) {
    const worker = this.worker;
    this.worker = null;
    this.failAll(error);
    void worker?.terminate();
  }

  private failAll(error: Error) {
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      this.pending.delete(id);
      pending.reject(error);
    }
  }
}
