// The metrics flush worker: a worker thread with its own database client that turns buffered
// cells into stored rows (sketch merging, encoding, writes), reads metric definitions for
// ingest, replays crash journals and prunes old data, so none of that runs on the thread that
// answers evaluations. Started by metric-flusher.ts through flush-worker-entry.mjs.
import { parentPort, workerData } from "node:worker_threads";
import { createDb } from "@/lib/db/client";
import { providerOf } from "@/lib/db/database-url";
import { toMetricDefinitionView } from "../metric-definition-row";
import type { MetricDefinitionView } from "../metric-types";
import { AggregateCell } from "./aggregate-cell";
import type { JournalMark, MinuteCell } from "./aggregate-writer";
import { cellKeyOf, cellsOfBatch } from "./cell-batch";
import { CellStore } from "./cell-store";
import type { FlushWorkerConfig, FromWorker, ToWorker } from "./flush-protocol";
import { databaseTag, segmentsOf } from "./journal-files";
import { cellsOfSegments, claimOrphanJournals, forgetJournal } from "./journal-replay";
import { pruneAggregates } from "./metric-retention";
import { SeriesRegistry } from "./series-registry";

const port = parentPort!;
const config = workerData as FlushWorkerConfig;
const post = (message: FromWorker) => port.postMessage(message);
// Logged by the request thread, so whoever runs the process (or a test) sees one console.
const log = (level: "warn" | "error", message: string) => post({ type: "log", level, message });
const db = createDb(config.databaseUrl);
const store = new CellStore(
  db,
  providerOf(config.databaseUrl),
  new SeriesRegistry(db),
  config.maxHeldCells,
  (message) => log("error", message),
);

// Latency samples sent ahead of the flush, folded into their cells' sketches as they come.
let spilled = new Map<string, AggregateCell>();
// Journals of dead processes replayed here, by id: their files go once their mark is stored.
const replayed = new Map<string, string>();
// One write at a time: flushes, replays and pruning share the connection and the lock.
let queue: Promise<unknown> = Promise.resolve();
const serially = <T>(work: () => Promise<T>): Promise<T> => {
  const next = queue.then(work);
  queue = next.catch(() => undefined);
  return next;
};

async function storeCells(cells: MinuteCell[], marks: JournalMark[]) {
  const outcome = await store.store(cells, marks);
  for (const mark of outcome.marks) {
    const dir = replayed.get(mark.journalId);
    if (dir === undefined) continue;
    forgetJournal(dir, mark.journalId);
    replayed.delete(mark.journalId);
  }
  return outcome;
}

function ownSegmentIn(marks: JournalMark[]): number | null {
  return marks.find((m) => m.journalId === config.journal?.id)?.segment ?? null;
}

async function flush(id: number, cells: MinuteCell[], segment: number | null) {
  const marks = config.journal && segment !== null ? [{ journalId: config.journal.id, segment }] : [];
  try {
    const outcome = await serially(() => storeCells(cells, marks));
    post({
      type: "flushed",
      id,
      stored: outcome.stored,
      ownSegment: ownSegmentIn(outcome.marks),
      stats: store.snapshot(),
    });
  } catch (error) {
    log("error", `[metrics] flush failed unexpectedly: ${(error as Error).stack ?? String(error)}`);
    post({
      type: "flushed",
      id,
      stored: false,
      ownSegment: null,
      stats: { ...store.snapshot(), lastError: (error as Error).message },
    });
  }
}

async function replayJournals() {
  if (!config.journalDir) return;
  if (config.journal && config.replayOwnUpTo !== null) {
    // The worker before this one died with these segments handed to it.
    const { id, dir } = config.journal;
    const stored = await db.metricJournal.findUnique({ where: { id } }).catch(() => null);
    const files = segmentsOf(dir, id).filter(
      (s) => s.segment <= config.replayOwnUpTo! && (!stored || s.segment > stored.segment),
    );
    const { cells } = cellsOfSegments(files.map((f) => f.file));
    const outcome = await serially(() => storeCells(cells, [{ journalId: id, segment: config.replayOwnUpTo! }]));
    post({
      type: "flushed",
      id: -1,
      stored: outcome.stored,
      ownSegment: ownSegmentIn(outcome.marks),
      stats: store.snapshot(),
    });
  }
  const claimed = await claimOrphanJournals(
    db,
    config.journalDir,
    databaseTag(config.databaseUrl),
    config.journal?.id ?? null,
  );
  for (const journal of claimed) {
    replayed.set(journal.journalId, journal.dir);
    const outcome = await serially(() => storeCells(journal.cells, journal.mark ? [journal.mark] : []));
    if (!journal.mark) forgetJournal(journal.dir, journal.journalId);
    log(
      "warn",
      `[metrics] replayed ${journal.observations} observations (${journal.cells.length} cells) from the journal of a process that stopped without flushing` +
        (outcome.stored ? "" : "; the database can't be written yet, they are held for the next flush"),
    );
  }
}

let lastDefinitions = "";
/** `id`: a read the request thread asked for (it waits for the answer); null on the timer. */
async function readDefinitions(id: number | null = null) {
  try {
    const rows = await db.metricDefinition.findMany({ orderBy: [{ teamId: "asc" }, { position: "asc" }] });
    const teams = new Map<string, MetricDefinitionView[]>();
    for (const row of rows) {
      const list = teams.get(row.teamId) ?? [];
      list.push(toMetricDefinitionView(row));
      teams.set(row.teamId, list);
    }
    const text = JSON.stringify([...teams]);
    if (text !== lastDefinitions) post({ type: "definitions", teams: [...teams] });
    lastDefinitions = text;
    if (id !== null) post({ type: "definitions-read", id });
  } catch (error) {
    lastDefinitions = "";
    post({ type: "definitions-failed", error: (error as Error).message, id });
  }
}

function prune() {
  void serially(() => pruneAggregates(db, config.retention)).catch((error: Error) =>
    log("warn", `[metrics] retention: ${error.message}`),
  );
}

const timers: NodeJS.Timeout[] = [];

port.on("message", (message: ToWorker) => {
  if (message.type === "spill") {
    const key = cellKeyOf(message.key, message.minute);
    let cell = spilled.get(key);
    if (!cell) spilled.set(key, (cell = new AggregateCell("latency")));
    for (let i = 0; i < message.n; i++) cell.addToSketch(message.values[i]!, message.weights[i]!);
  } else if (message.type === "flush") {
    // Every spill of the cells in this batch came before it (one port, in order).
    const cells = cellsOfBatch(message.batch, spilled);
    spilled = new Map();
    void flush(message.id, cells, message.segment);
  } else if (message.type === "read-definitions") {
    void readDefinitions(message.id);
  } else if (message.type === "close") {
    for (const timer of timers) clearInterval(timer);
    void queue.then(() => db.$disconnect()).finally(() => post({ type: "closed" }));
  }
});

await readDefinitions();
timers.push(
  setInterval(() => void readDefinitions(), config.definitionsIntervalMs),
  setInterval(prune, 3_600_000),
  setTimeout(prune, 60_000),
);
void replayJournals().catch((error: Error) => log("error", `[metrics] journal replay failed: ${error.message}`));
