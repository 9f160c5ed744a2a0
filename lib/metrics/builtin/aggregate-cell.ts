import { DDSketch } from "@datadog/sketches-js";
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

/** One series over one bucket: mergeable with any other cell of the same shape. */
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
    this.count += weight;
    this.sum += value * weight;
    this.latency?.accept(value, weight);
  }

  /** Pre-aggregated counts from the client (requests and errors, say). */
  addIncrement(count: number, sum: number): void {
    this.count += count;
    this.sum += sum;
  }

  addExposure(keyHash: number): void {
    this.count += 1;
    this.users!.add(keyHash);
  }

  merge(other: AggregateCell): void {
    this.count += other.count;
    this.sum += other.sum;
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

  static fromRow(shape: CellShape, row: { count: number; sum: number; sketch: Uint8Array | null }): AggregateCell {
    const cell = new AggregateCell(shape);
    cell.count = Number(row.count);
    cell.sum = Number(row.sum);
    if (row.sketch && row.sketch.length > 0) {
      if (shape === "latency") cell.latency = DDSketch.fromProto(row.sketch);
      if (shape === "exposure") cell.users = DistinctSketch.deserialize(row.sketch);
    }
    return cell;
  }
}
