import { DDSketch } from "@datadog/sketches-js";
import { addBounded, bounded, MAX_CELL_COUNT, MAX_CELL_SUM } from "./cell-bounds";
import { DistinctSketch } from "./distinct-sketch";

/**
 * What a cell keeps beside count and sum: quantiles need a latency sketch, exposures a
 * distinct-users sketch, everything else only adds.
 */
export type CellShape = "plain" | "latency" | "exposure";

// 1% relative error on any quantile, whatever the range of values.
const RELATIVE_ACCURACY = 0.01;

export type AggregateRow = {
  count: number;
  sum: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  sketch: Uint8Array | null;
  distinct: number | null;
};

/** Why a row can't be stored (a value the columns can't hold), or null when it can. */
export function unstorableField(row: AggregateRow): keyof AggregateRow | null {
  for (const field of ["count", "sum"] as const) if (!Number.isFinite(row[field])) return field;
  for (const field of ["p50", "p95", "p99", "distinct"] as const) {
    const value = row[field];
    if (value !== null && !Number.isFinite(value)) return field;
  }
  return null;
}

/**
 * One series over one bucket: mergeable with any other cell of the same shape. Count and sum
 * saturate (cell-bounds.ts) rather than overflow, so a cell is finite whatever is added.
 */
export class AggregateCell {
  count = 0;
  sum = 0;
  private latency: DDSketch | null = null;
  private users: DistinctSketch | null = null;

  constructor(readonly shape: CellShape) {
    if (shape === "latency") this.latency = new DDSketch({ relativeAccuracy: RELATIVE_ACCURACY });
    if (shape === "exposure") this.users = new DistinctSketch();
  }

  /** `weight` identical samples of `value`. */
  addSample(value: number, weight = 1): void {
    this.addIncrement(weight, value * weight);
    this.addToSketch(value, weight);
  }

  /** Only the quantile sketch: for samples whose count and sum arrive as totals. */
  addToSketch(value: number, weight: number): void {
    // The sketch refuses non-positive weights and can't place NaN; ingest never sends either.
    if (this.latency && weight > 0 && Number.isFinite(weight) && Number.isFinite(value))
      this.latency.accept(value, weight);
  }

  /** Pre-aggregated counts from the client (requests and errors, say). */
  addIncrement(count: number, sum: number): void {
    this.count = addBounded(this.count, count, MAX_CELL_COUNT);
    this.sum = addBounded(this.sum, sum, MAX_CELL_SUM);
  }

  addExposure(keyHash: number): void {
    this.count = addBounded(this.count, 1, MAX_CELL_COUNT);
    this.users!.add(keyHash);
  }

  merge(other: AggregateCell): void {
    this.addIncrement(other.count, other.sum);
    if (this.latency && other.latency && other.latency.count > 0) this.latency.merge(other.latency);
    if (this.users && other.users) this.users.merge(other.users);
  }

  toRow(): AggregateRow {
    const quantiles = this.latency && this.latency.count > 0;
    return {
      count: this.count,
      sum: this.sum,
      p50: quantiles ? this.latency!.getValueAtQuantile(0.5) : null,
      p95: quantiles ? this.latency!.getValueAtQuantile(0.95) : null,
      p99: quantiles ? this.latency!.getValueAtQuantile(0.99) : null,
      sketch: this.latency ? this.latency.toProto() : this.users ? this.users.serialize() : null,
      distinct: this.users ? this.users.estimate() : null,
    };
  }

  /** Any quantile of the latency sketch (0 ≤ q ≤ 1); null without samples or for other shapes. */
  quantile(q: number): number | null {
    if (!this.latency || this.latency.count <= 0 || !(q >= 0 && q <= 1)) return null;
    const value = this.latency.getValueAtQuantile(q);
    return Number.isFinite(value) ? value : null;
  }

  /** An exposure cell from its parts (the evaluation thread counts; the flush thread stores). */
  static exposure(count: number, registers: Uint8Array): AggregateCell {
    const cell = new AggregateCell("exposure");
    cell.count = bounded(count, MAX_CELL_COUNT);
    cell.users = new DistinctSketch(registers);
    return cell;
  }

  /** The evaluation thread's HyperLogLog registers (exposure cells only). */
  get registers(): Uint8Array | null {
    return this.users?.registers ?? null;
  }

  static fromRow(shape: CellShape, row: { count: number; sum: number; sketch: Uint8Array | null }): AggregateCell {
    const cell = new AggregateCell(shape);
    cell.count = bounded(Number(row.count), MAX_CELL_COUNT);
    cell.sum = bounded(Number(row.sum), MAX_CELL_SUM);
    if (row.sketch && row.sketch.length > 0) {
      if (shape === "latency") cell.latency = DDSketch.fromProto(row.sketch);
      if (shape === "exposure") cell.users = DistinctSketch.deserialize(row.sketch);
    }
    return cell;
  }
}
