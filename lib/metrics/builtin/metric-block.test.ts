import { describe, expect, it } from "vitest";
import { blockStart, emptyBlockColumns, MetricBlock, type BlockField } from "./metric-block";

const row = (
  count: number,
  extra: Partial<{ sum: number; p50: number; p95: number; p99: number; distinct: number }> = {},
) => ({
  count,
  sum: extra.sum ?? 0,
  p50: extra.p50 ?? null,
  p95: extra.p95 ?? null,
  p99: extra.p99 ?? null,
  sketch: null,
  distinct: extra.distinct ?? null,
});

describe("MetricBlock", () => {
  it("places buckets in blocks of 60 minutes, 6 hours of 5-minute buckets, 3 days of hours", () => {
    expect(blockStart(125, 60)).toBe(120);
    expect(blockStart(725, 300)).toBe(720);
    expect(blockStart(5000, 3600)).toBe(4320);
  });

  it("round-trips slots through its bytes and skips empty ones", () => {
    const block = MetricBlock.empty("latency", 300, 720);
    block.set(725, row(10, { sum: 1200, p50: 100, p95: 240, p99: 400 }));
    block.set(790, row(3, { sum: 30 }));
    const decoded = MetricBlock.decode(block.encode(), 300, 720)!;
    expect(decoded.slots(0, 10_000)).toEqual([
      [725, { count: 10, sum: 1200, p50: 100, p95: 240, p99: 400, distinct: null }],
      [790, { count: 3, sum: 30, p50: null, p95: null, p99: null, distinct: null }],
    ]);
    expect(decoded.slots(726, 10_000).map(([bucket]) => bucket)).toEqual([790]);
  });

  it("refuses bytes of another layout and buckets outside the block", () => {
    const plain = MetricBlock.empty("plain", 60, 0).encode();
    expect(MetricBlock.decode(plain, 300, 0)).toBeNull();
    expect(MetricBlock.decode(new Uint8Array([9]), 60, 0)).toBeNull();
    expect(() => MetricBlock.empty("plain", 60, 0).set(60, row(1))).toThrow(/not in block/);
  });

  it("keeps an exposure's evaluations and distinct users", () => {
    const block = MetricBlock.empty("exposure", 3600, 4320);
    block.set(4380, row(500, { distinct: 123.4 }));
    expect(MetricBlock.decode(block.encode(), 3600, 4320)!.slots(0, 1e9)).toEqual([
      [4380, { count: 500, sum: null, p50: null, p95: null, p99: null, distinct: 123.4 }],
    ]);
  });

  it("reads the same slots as columns, field by field, across blocks and range edges", () => {
    const blocks = (["plain", "latency", "exposure"] as const).flatMap((shape) =>
      [720, 1080].map((start) => {
        const block = MetricBlock.empty(shape, 300, start);
        for (let bucket = start; bucket < start + 360; bucket += 5) {
          if (bucket % 15 === 0) continue; // empty slots
          block.set(
            bucket,
            row(bucket % 7, {
              sum: bucket / 3,
              p50: bucket % 4 ? bucket : undefined,
              p95: bucket + 0.5,
              p99: bucket + 0.25,
              distinct: bucket / 9,
            }),
          );
        }
        return MetricBlock.decode(block.encode(), 300, start)!;
      }),
    );
    const fields: BlockField[] = ["sum", "p50", "p95", "p99", "distinct"];
    for (const [from, to] of [
      [0, 1e6],
      [723, 1302],
      [1080, 1085],
      [2000, 3000],
    ] as const) {
      for (const shape of ["plain", "latency", "exposure"] as const) {
        const mine = blocks.filter((b) => b.shape === shape);
        const slots = mine.flatMap((b) => b.slots(from, to));
        for (const field of fields) {
          const read = emptyBlockColumns();
          for (const block of mine) block.readColumns(from, to, field, read);
          expect(read).toEqual({
            t: slots.map(([bucket]) => bucket * 60_000),
            counts: slots.map(([, s]) => s.count),
            field: slots.map(([, s]) => s[field]),
          });
        }
      }
    }
  });

  it("views bytes in place when aligned and copies them when not, reading the same slots either way", () => {
    const block = MetricBlock.empty("latency", 300, 720);
    block.set(725, row(10, { sum: 1200, p50: 100, p95: 240, p99: 400 }));
    const aligned = block.encode();
    const shifted = new Uint8Array(aligned.length + 1).subarray(1);
    shifted.set(aligned);
    for (const bytes of [aligned, shifted])
      expect(MetricBlock.view(bytes, 300, 720)!.slots(0, 1e9)).toEqual(block.slots(0, 1e9));
    // In place: a change to the bytes shows through the view (slot 1, field p95 = 999).
    const view = MetricBlock.view(aligned, 300, 720)!;
    new Float64Array(aligned.buffer, aligned.byteOffset + 8)[5 + 3] = 999;
    const read = emptyBlockColumns();
    view.readColumns(0, 1e9, "p95", read);
    expect(read.field).toEqual([999]);
    expect(MetricBlock.view(new Uint8Array([9]), 60, 0)).toBeNull();
    expect(MetricBlock.view(MetricBlock.empty("plain", 60, 0).encode(), 300, 0)).toBeNull();
  });
});
