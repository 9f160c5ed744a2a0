import { describe, expect, it } from "vitest";
import { blockStart, MetricBlock } from "./metric-block";

const row = (count: number, extra: Partial<{ sum: number; p50: number; p95: number; p99: number; distinct: number }> = {}) => ({
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
    expect(MetricBlock.decode(block.encode(), 3600, 4320)!.slots(0, 1e9)).toEqual([[4380, { count: 500, sum: null, p50: null, p95: null, p99: null, distinct: 123.4 }]]);
  });
});
