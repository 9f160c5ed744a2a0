import { AggregateCell, type CellShape } from "./aggregate-cell";
import type { MinuteCell } from "./aggregate-writer";
import { REGISTERS } from "./distinct-sketch";
import { parseSeriesKey } from "./series-key";

/**
 * Cells on their way from the request thread to the flush worker, as columns of typed arrays:
 * moving them is a transfer of a few buffers, not a copy of one object per cell, so a flush
 * costs the request thread about as much as a memcpy whatever it holds.
 */
export type CellBatch = {
  /** seriesKeyString per cell. */
  keys: string[];
  /** Epoch minutes per cell. */
  minutes: Float64Array;
  shapes: Uint8Array;
  counts: Float64Array;
  sums: Float64Array;
  /** Latency samples not sent ahead yet: cell index, value, weight. */
  sampleCells: Uint32Array;
  sampleValues: Float64Array;
  sampleWeights: Float64Array;
  /** HyperLogLog registers of the exposure cells, REGISTERS bytes each, in cell order. */
  registers: Uint8Array;
};

/** Latency samples of one cell sent ahead of the flush, so no cell holds more than a few. */
export type SampleSpill = { key: string; minute: number; values: Float64Array; weights: Float64Array; n: number };

export const SHAPES: readonly CellShape[] = ["plain", "latency", "exposure"];

export function cellKeyOf(seriesKey: string, minute: number): string {
  return `${seriesKey}\u0000${minute}`;
}

class Growable<T extends Float64Array | Uint32Array | Uint8Array> {
  length = 0;
  constructor(
    public array: T,
    private readonly make: (size: number) => T,
  ) {}

  reserve(extra: number): void {
    if (this.length + extra <= this.array.length) return;
    const next = this.make(Math.max(this.array.length * 2, this.length + extra));
    next.set(this.array.subarray(0, this.length) as never);
    this.array = next;
  }

  push(value: number): void {
    this.reserve(1);
    this.array[this.length++] = value;
  }

  done(): T {
    return this.array.slice(0, this.length) as T;
  }
}

const floats = (size: number) => new Growable(new Float64Array(size), (n) => new Float64Array(n));

export class CellBatchBuilder {
  private readonly keys: string[] = [];
  private readonly minutes = floats(64);
  private readonly shapes = new Growable(new Uint8Array(64), (n) => new Uint8Array(n));
  private readonly counts = floats(64);
  private readonly sums = floats(64);
  private readonly sampleCells = new Growable(new Uint32Array(64), (n) => new Uint32Array(n));
  private readonly sampleValues = floats(64);
  private readonly sampleWeights = floats(64);
  private readonly registers = new Growable(new Uint8Array(0), (n) => new Uint8Array(n));

  get size(): number {
    return this.keys.length;
  }

  /** Adds a cell; returns its index for samples. */
  add(key: string, minute: number, shape: CellShape, count: number, sum: number): number {
    this.keys.push(key);
    this.minutes.push(minute);
    this.shapes.push(SHAPES.indexOf(shape));
    this.counts.push(count);
    this.sums.push(sum);
    return this.keys.length - 1;
  }

  addSamples(cell: number, values: Float64Array, weights: Float64Array, n: number): void {
    for (let i = 0; i < n; i++) {
      this.sampleCells.push(cell);
      this.sampleValues.push(values[i]!);
      this.sampleWeights.push(weights[i]!);
    }
  }

  addExposure(key: string, minute: number, count: number, registers: Uint8Array): void {
    this.add(key, minute, "exposure", count, 0);
    this.registers.reserve(REGISTERS);
    this.registers.array.set(registers, this.registers.length);
    this.registers.length += REGISTERS;
  }

  build(): CellBatch {
    return {
      keys: this.keys,
      minutes: this.minutes.done(),
      shapes: this.shapes.done(),
      counts: this.counts.done(),
      sums: this.sums.done(),
      sampleCells: this.sampleCells.done(),
      sampleValues: this.sampleValues.done(),
      sampleWeights: this.sampleWeights.done(),
      registers: this.registers.done(),
    };
  }
}

export function transferablesOf(batch: CellBatch): ArrayBuffer[] {
  const { minutes, shapes, counts, sums, sampleCells, sampleValues, sampleWeights, registers } = batch;
  return [minutes, shapes, counts, sums, sampleCells, sampleValues, sampleWeights, registers].map(
    (a) => a.buffer as ArrayBuffer,
  );
}

/**
 * The worker's side: the batch as minute cells, with the latency samples sent ahead (`spilled`,
 * by cellKeyOf) folded into their cells' sketches. Count and sum come from the batch, which
 * counted every sample, spilled or not.
 */
export function cellsOfBatch(batch: CellBatch, spilled: ReadonlyMap<string, AggregateCell>): MinuteCell[] {
  const cells: MinuteCell[] = [];
  let exposures = 0;
  for (let i = 0; i < batch.keys.length; i++) {
    const key = batch.keys[i]!;
    const minute = batch.minutes[i]!;
    const shape = SHAPES[batch.shapes[i]!] ?? "plain";
    let cell: AggregateCell;
    if (shape === "exposure") {
      cell = AggregateCell.exposure(
        batch.counts[i]!,
        batch.registers.slice(exposures * REGISTERS, (exposures + 1) * REGISTERS),
      );
      exposures++;
    } else {
      cell = spilled.get(cellKeyOf(key, minute)) ?? new AggregateCell(shape);
      cell.addIncrement(batch.counts[i]!, batch.sums[i]!);
    }
    cells.push({ series: parseSeriesKey(key), minute, cell });
  }
  for (let i = 0; i < batch.sampleCells.length; i++)
    cells[batch.sampleCells[i]!]?.cell.addToSketch(batch.sampleValues[i]!, batch.sampleWeights[i]!);
  return cells;
}
