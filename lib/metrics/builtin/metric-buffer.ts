import type { CellShape } from "./aggregate-cell";
import { addBounded, MAX_CELL_COUNT, MAX_CELL_SUM } from "./cell-bounds";
import { cellKeyOf, type CellBatchBuilder, type SampleSpill } from "./cell-batch";
import { limitsFromEnv, type BufferLimits } from "./buffer-limits";
import { seriesKeyString, type SeriesKey } from "./series-key";
import { DeferredObservations } from "../ingest/deferred-observations";

/** An item checked by ingest, ready to add: which cell, and what it adds. */
export type PlannedObservation = {
  series: SeriesKey;
  minute: number;
  /** cellKeyOf(seriesKeyString(series), minute), built once per item: the hot path's one string. */
  cellKey: string;
  shape: CellShape;
  /** A latency sample (value, weight), or an increment (count, sum). */
  sample: boolean;
  first: number;
  second: number;
};

export function plannedObservation(
  series: SeriesKey,
  shape: CellShape,
  minute: number,
  sample: boolean,
  first: number,
  second: number,
): PlannedObservation {
  return { series, minute, cellKey: cellKeyOf(seriesKeyString(series), minute), shape, sample, first, second };
}

/** Why a batch can't be buffered now: answered 503 with Retry-After, nothing added. */
export type BufferRefusal = { message: string; retryAfterSeconds: number };

/** What the buffer writes ahead of answering, so a hard kill loses nothing accepted. */
export interface ObservationJournal {
  recordCell(id: number, key: string, minute: number, shape: CellShape): void;
  recordSample(id: number, value: number, weight: number): void;
  recordIncrement(id: number, count: number, sum: number): void;
  /** Makes what was recorded durable against a crash of this process. */
  commit(): void;
}

type OpenCell = {
  id: number;
  key: string;
  minute: number;
  shape: CellShape;
  count: number;
  sum: number;
  values: Float64Array | null;
  weights: Float64Array | null;
  n: number;
};

// Latency samples are kept raw until a cell has this many, then sent ahead to the flush worker
// (which folds them into the cell's sketch): a cell never holds more than 4 KiB of samples.
const SAMPLES_PER_SPILL = 256;

/**
 * Observations folded per series and minute on the request thread until the next flush.
 * Bounded three ways (buffer-limits.ts): cells in all, per environment and per release, so
 * timestamps spread over the 7-day window can't grow memory without end. A batch that would
 * open cells past a limit is refused whole (and asks for an early flush); items for cells
 * already open are always taken, since they cost no memory.
 */
export class MetricBuffer {
  private cells = new Map<string, OpenCell>();
  private perEnvironment = new Map<string, number>();
  private perRelease = new Map<string, number>();
  private nextId = 0;
  /** Cells handed to the flush worker and not written yet, or held there after a failed flush. */
  outstanding = 0;
  /** Samples sent ahead of the flush; without it (unit tests) they stay here. */
  onSpill: ((spill: SampleSpill) => void) | null = null;
  /** Called when the buffer fills up: time to flush early. */
  onPressure: (() => void) | null = null;
  journal: ObservationJournal | null = null;
  /** Items whose metric can't be looked up during a database outage (ingest/deferred-observations.ts). */
  readonly deferred = new DeferredObservations();

  constructor(readonly limits: BufferLimits = limitsFromEnv()) {}

  get size(): number {
    return this.cells.size;
  }

  /** Null when the batch fits, else why not (nothing is added either way). */
  refusal(planned: readonly PlannedObservation[]): BufferRefusal | null {
    const admission = this.admission();
    for (const item of planned) if (!admission.admit(item)) break;
    return admission.close();
  }

  /**
   * A capacity check item by item, so a batch that can't fit is known at its first item past a
   * limit (an attack's batch is refused without checking the other 4,999).
   */
  admission(): Admission {
    return new Admission(this, this.limits);
  }

  /** Open cells of a release (environment id, release key) or an environment. */
  openCells(scope: { environmentId: string; releaseKey?: string }): number {
    if (scope.releaseKey === undefined) return this.perEnvironment.get(scope.environmentId) ?? 0;
    return this.perRelease.get(`${scope.environmentId}\u0000${scope.releaseKey}`) ?? 0;
  }

  isOpen(cellKey: string): boolean {
    return this.cells.has(cellKey);
  }

  /** Adds checked items (after refusal() said they fit) and journals them before returning. */
  apply(planned: readonly PlannedObservation[]): void {
    for (const item of planned)
      this.addTo(this.open(item.series, item.shape, item.minute, item.cellKey), item.sample, item.first, item.second);
    this.journal?.commit();
  }

  /** One contribution to a cell; opens the cell if needed (limits are refusal()'s job). */
  add(series: SeriesKey, shape: CellShape, minute: number, sample: boolean, first: number, second: number): void {
    this.addTo(this.open(series, shape, minute, cellKeyOf(seriesKeyString(series), minute)), sample, first, second);
  }

  private addTo(cell: OpenCell, sample: boolean, first: number, second: number): void {
    if (sample) {
      cell.count = addBounded(cell.count, second, MAX_CELL_COUNT);
      cell.sum = addBounded(cell.sum, first * second, MAX_CELL_SUM);
      this.journal?.recordSample(cell.id, first, second);
      this.keepSample(cell, first, second);
    } else {
      cell.count = addBounded(cell.count, first, MAX_CELL_COUNT);
      cell.sum = addBounded(cell.sum, second, MAX_CELL_SUM);
      this.journal?.recordIncrement(cell.id, first, second);
    }
  }

  /** Moves every open cell into `batch` and starts empty; returns how many went. */
  drainInto(batch: CellBatchBuilder): number {
    const drained = this.cells.size;
    for (const cell of this.cells.values()) {
      const index = batch.add(cell.key, cell.minute, cell.shape, cell.count, cell.sum);
      if (cell.values && cell.weights) batch.addSamples(index, cell.values, cell.weights, cell.n);
    }
    this.cells = new Map();
    this.perEnvironment = new Map();
    this.perRelease = new Map();
    this.nextId = 0;
    return drained;
  }

  private open(series: SeriesKey, shape: CellShape, minute: number, cellKey: string): OpenCell {
    let cell = this.cells.get(cellKey);
    if (cell) return cell;
    const key = seriesKeyString(series);
    const release = `${series.environmentId}\u0000${series.releaseKey}`;
    cell = { id: this.nextId++, key, minute, shape, count: 0, sum: 0, values: null, weights: null, n: 0 };
    this.cells.set(cellKey, cell);
    this.perEnvironment.set(series.environmentId, (this.perEnvironment.get(series.environmentId) ?? 0) + 1);
    this.perRelease.set(release, (this.perRelease.get(release) ?? 0) + 1);
    this.journal?.recordCell(cell.id, key, minute, shape);
    return cell;
  }

  private keepSample(cell: OpenCell, value: number, weight: number): void {
    if (!cell.values || !cell.weights) {
      cell.values = new Float64Array(4);
      cell.weights = new Float64Array(4);
    }
    if (cell.n === cell.values.length) {
      if (this.onSpill && cell.n >= SAMPLES_PER_SPILL) {
        this.onSpill({ key: cell.key, minute: cell.minute, values: cell.values, weights: cell.weights, n: cell.n });
        cell.values = new Float64Array(SAMPLES_PER_SPILL);
        cell.weights = new Float64Array(SAMPLES_PER_SPILL);
        cell.n = 0;
      } else {
        const values = new Float64Array(cell.n * 2);
        const weights = new Float64Array(cell.n * 2);
        values.set(cell.values);
        weights.set(cell.weights);
        cell.values = values;
        cell.weights = weights;
      }
    }
    cell.values[cell.n] = value;
    cell.weights[cell.n] = weight;
    cell.n++;
  }
}

/** One batch's claim on the buffer's room (MetricBuffer.admission). */
export class Admission {
  private readonly fresh = new Set<string>();
  private readonly byRelease = new Map<string, number>();
  private readonly byEnvironment = new Map<string, number>();
  private refused: string | null = null;

  constructor(
    private readonly buffer: MetricBuffer,
    private readonly limits: BufferLimits,
  ) {}

  /** False once the batch can't fit (then stop: it is refused whole). */
  admit(item: PlannedObservation): boolean {
    if (this.refused) return false;
    const { series, cellKey } = item;
    if (this.buffer.isOpen(cellKey) || this.fresh.has(cellKey)) return true;
    this.fresh.add(cellKey);
    const { totalCells, environmentCells, releaseCells } = this.limits;
    const release = `${series.environmentId}\u0000${series.releaseKey}`;
    const inRelease = (this.byRelease.get(release) ?? 0) + 1;
    const inEnvironment = (this.byEnvironment.get(series.environmentId) ?? 0) + 1;
    this.byRelease.set(release, inRelease);
    this.byEnvironment.set(series.environmentId, inEnvironment);
    if (this.buffer.openCells(series) + inRelease > releaseCells) {
      this.refused = `release "${series.releaseKey}" has ${releaseCells.toLocaleString("en")} series-minutes waiting to be stored (the limit per release)`;
    } else if (this.buffer.openCells({ environmentId: series.environmentId }) + inEnvironment > environmentCells) {
      this.refused = `this environment has ${environmentCells.toLocaleString("en")} series-minutes waiting to be stored (the limit per environment)`;
    } else if (this.buffer.size + this.buffer.outstanding + this.fresh.size > totalCells) {
      this.refused = `the metrics buffer holds ${totalCells.toLocaleString("en")} series-minutes waiting to be stored (the limit per server)`;
    }
    return this.refused === null;
  }

  /** The verdict; a refusal, or a buffer a quarter full, asks for an early flush. */
  close(): BufferRefusal | null {
    if (this.refused) {
      this.buffer.onPressure?.();
      return { message: `Metrics buffer full: ${this.refused}; retry after the next flush`, retryAfterSeconds: 1 };
    }
    if (this.fresh.size > 0 && this.buffer.size + this.fresh.size >= this.limits.totalCells / 4)
      this.buffer.onPressure?.();
    return null;
  }
}
