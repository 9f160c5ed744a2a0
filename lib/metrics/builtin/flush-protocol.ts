import type { MetricDefinitionView } from "../metric-types";
import type { CellBatch, SampleSpill } from "./cell-batch";
import type { CellStoreStats } from "./cell-store";
import type { Retention } from "./metric-retention";

/** What the flush worker is started with (workerData). */
export type FlushWorkerConfig = {
  databaseUrl: string;
  /** The request thread's journal, or null when journaling is off. */
  journal: { dir: string; id: string } | null;
  /** Journal dir to look for dead processes' journals in (null: none). */
  journalDir: string | null;
  /** Set when this worker replaces one that died: own segments up to here were handed to it. */
  replayOwnUpTo: number | null;
  maxHeldCells: number;
  definitionsIntervalMs: number;
  retention: Retention;
};

export type ToWorker =
  | ({ type: "spill" } & SampleSpill)
  | { type: "flush"; id: number; batch: CellBatch; segment: number | null }
  | { type: "read-definitions"; id: number }
  | { type: "close" };

export type FromWorker =
  | { type: "flushed"; id: number; stored: boolean; ownSegment: number | null; stats: CellStoreStats }
  | { type: "definitions"; teams: [string, MetricDefinitionView[]][] }
  | { type: "definitions-failed"; error: string; id: number | null }
  /** After a read asked for by id, changed or not. */
  | { type: "definitions-read"; id: number }
  | { type: "log"; level: "warn" | "error"; message: string }
  | { type: "closed" };
