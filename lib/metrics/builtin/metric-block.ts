import type { AggregateRow, CellShape } from "./aggregate-cell";

/**
 * A block packs consecutive buckets of one series at one resolution into one row, so a chart
 * reads a handful of rows per series. Layout: byte 0 the shape, 7 bytes padding, then per slot
 * the shape's fields as little-endian float64; NaN marks an empty slot or a missing value.
 */

/** Buckets per block: about an hour of minutes, six hours of 5-minute buckets, 3 days of hours. */
export const BLOCK_SLOTS: Readonly<Record<number, number>> = { 60: 60, 300: 72, 3600: 72, 86400: 72 };

const FIELDS = {
  plain: ["count", "sum"],
  latency: ["count", "sum", "p50", "p95", "p99"],
  exposure: ["count", "distinct"],
} as const satisfies Record<CellShape, readonly (keyof AggregateRow)[]>;

const SHAPE_CODES: readonly CellShape[] = ["plain", "latency", "exposure"];
const HEADER = 8;

export type BlockSlot = {
  count: number;
  sum: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  distinct: number | null;
};

/** A slot field beside the count, read into a column. */
export type BlockField = "sum" | "p50" | "p95" | "p99" | "distinct";

/** Filled slots as parallel arrays: bucket start (epoch ms), count, and one field (null where missing). */
export type BlockColumns = { t: number[]; counts: number[]; field: (number | null)[] };

export function emptyBlockColumns(): BlockColumns {
  return { t: [], counts: [], field: [] };
}

function nullIfNaN(value: number): number | null {
  return value === value ? value : null;
}

function slotsOf(resolution: number): number {
  const slots = BLOCK_SLOTS[resolution];
  if (!slots) throw new Error(`no block layout for resolution ${resolution}`);
  return slots;
}

/** First bucket (epoch minutes) of the block holding `bucket`. */
export function blockStart(bucket: number, resolution: number): number {
  const span = slotsOf(resolution) * (resolution / 60);
  return Math.floor(bucket / span) * span;
}

export class MetricBlock {
  private constructor(
    readonly shape: CellShape,
    readonly resolution: number,
    readonly start: number,
    private readonly values: Float64Array,
  ) {}

  static empty(shape: CellShape, resolution: number, start: number): MetricBlock {
    return new MetricBlock(
      shape,
      resolution,
      start,
      new Float64Array(slotsOf(resolution) * FIELDS[shape].length).fill(Number.NaN),
    );
  }

  /** null when the bytes are not a block of this resolution (a metric whose kind changed, say). */
  static decode(bytes: Uint8Array, resolution: number, start: number): MetricBlock | null {
    const shape = SHAPE_CODES[bytes[0]!];
    if (!shape) return null;
    const length = slotsOf(resolution) * FIELDS[shape].length;
    if (bytes.length !== HEADER + length * 8) return null;
    // Copied: driver buffers are not 8-byte aligned, and the block may be patched.
    const values = new Float64Array(length);
    new Uint8Array(values.buffer).set(bytes.subarray(HEADER));
    return new MetricBlock(shape, resolution, start, values);
  }

  /**
   * decode() for reading only: shares the bytes' memory when its float64s are 8-byte aligned
   * (a query result's own buffer is), so a chart does not allocate and copy each of its
   * hundreds of blocks. Never set() on a view: it would write into the caller's bytes.
   */
  static view(bytes: Uint8Array, resolution: number, start: number): MetricBlock | null {
    const shape = SHAPE_CODES[bytes[0]!];
    if (!shape) return null;
    const length = slotsOf(resolution) * FIELDS[shape].length;
    if (bytes.length !== HEADER + length * 8) return null;
    if ((bytes.byteOffset + HEADER) % 8 !== 0) return MetricBlock.decode(bytes, resolution, start);
    return new MetricBlock(shape, resolution, start, new Float64Array(bytes.buffer, bytes.byteOffset + HEADER, length));
  }

  encode(): Uint8Array {
    const out = new Uint8Array(HEADER + this.values.byteLength);
    out[0] = SHAPE_CODES.indexOf(this.shape);
    out.set(new Uint8Array(this.values.buffer, this.values.byteOffset, this.values.byteLength), HEADER);
    return out;
  }

  /** Sets the slot of `bucket` to a stored aggregate's (already merged) values. */
  set(bucket: number, row: AggregateRow): void {
    const fields = FIELDS[this.shape];
    const at = this.slotIndex(bucket) * fields.length;
    fields.forEach((field, i) => {
      const value = row[field];
      this.values[at + i] = typeof value === "number" ? value : Number.NaN;
    });
  }

  /** Appends the filled slots with from ≤ bucket < to, in order, as [bucket, slot]. */
  slots(fromBucket: number, toBucket: number, out: [number, BlockSlot][] = []): [number, BlockSlot][] {
    const width = FIELDS[this.shape].length;
    const latency = this.shape === "latency";
    const exposure = this.shape === "exposure";
    const minutes = this.resolution / 60;
    const values = this.values;
    const first = Math.max(0, Math.ceil((fromBucket - this.start) / minutes));
    const last = Math.min(slotsOf(this.resolution), Math.ceil((toBucket - this.start) / minutes));
    for (let slot = first; slot < last; slot++) {
      const at = slot * width;
      const count = values[at]!;
      if (count !== count) continue; // NaN: empty slot
      const second = values[at + 1]!;
      out.push([
        this.start + slot * minutes,
        {
          count,
          sum: exposure || second !== second ? null : second,
          p50: latency ? nullIfNaN(values[at + 2]!) : null,
          p95: latency ? nullIfNaN(values[at + 3]!) : null,
          p99: latency ? nullIfNaN(values[at + 4]!) : null,
          distinct: exposure && second === second ? second : null,
        },
      ]);
    }
    return out;
  }

  /**
   * The filled slots with from ≤ bucket < to, in order, appended to `out` — the same slots as
   * slots(), without an object per slot: a chart reads tens of thousands of them.
   */
  readColumns(fromBucket: number, toBucket: number, field: BlockField, out: BlockColumns): void {
    const fields: readonly string[] = FIELDS[this.shape];
    const offset = fields.indexOf(field);
    const width = fields.length;
    const minutes = this.resolution / 60;
    const values = this.values;
    const { t, counts, field: column } = out;
    const first = Math.max(0, Math.ceil((fromBucket - this.start) / minutes));
    const last = Math.min(slotsOf(this.resolution), Math.ceil((toBucket - this.start) / minutes));
    for (let slot = first; slot < last; slot++) {
      const at = slot * width;
      const count = values[at]!;
      if (count !== count) continue; // NaN: empty slot
      t.push((this.start + slot * minutes) * 60_000);
      counts.push(count);
      column.push(offset < 0 ? null : nullIfNaN(values[at + offset]!));
    }
  }

  private slotIndex(bucket: number): number {
    const index = (bucket - this.start) / (this.resolution / 60);
    if (!Number.isInteger(index) || index < 0 || index >= slotsOf(this.resolution))
      throw new Error(`bucket ${bucket} is not in block ${this.start}`);
    return index;
  }
}
