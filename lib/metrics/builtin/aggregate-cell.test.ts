import { describe, expect, it } from "vitest";
import { murmur3 } from "@/lib/domain/murmur3";
import { AggregateCell } from "./aggregate-cell";

function latencyCell(values: number[]) {
  const cell = new AggregateCell("latency");
  for (const value of values) cell.addSample(value);
  return cell;
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe("AggregateCell", () => {
  it("keeps count, sum and quantiles within the sketch's 1% accuracy", () => {
    const row = latencyCell(range(1, 1001)).toRow();
    expect(row.count).toBe(1000);
    expect(row.sum).toBe(500_500);
    expect(row.p50!).toBeGreaterThan(500 * 0.98);
    expect(row.p50!).toBeLessThan(500 * 1.02);
    expect(row.p95!).toBeGreaterThan(950 * 0.98);
    expect(row.p99!).toBeLessThan(990 * 1.02);
  });

  it("merging two halves gives the quantiles of the whole", () => {
    const merged = latencyCell(range(1, 501));
    merged.merge(latencyCell(range(501, 1001)));
    const whole = latencyCell(range(1, 1001)).toRow();
    const row = merged.toRow();
    expect(row.count).toBe(whole.count);
    expect(row.p95).toBeCloseTo(whole.p95!, 6);
    expect(row.p99).toBeCloseTo(whole.p99!, 6);
  });

  it("survives a round trip through the stored row, then still merges", () => {
    const stored = latencyCell(range(1, 101)).toRow();
    const restored = AggregateCell.fromRow("latency", stored);
    restored.merge(latencyCell(range(101, 201)));
    const row = restored.toRow();
    expect(row.count).toBe(200);
    expect(row.p50!).toBeGreaterThan(100 * 0.98);
    expect(row.p50!).toBeLessThan(100 * 1.02);
  });

  it("weights repeated samples and adds client increments", () => {
    const cell = new AggregateCell("plain");
    cell.addSample(2, 3);
    cell.addIncrement(120, 3);
    expect(cell.toRow()).toMatchObject({ count: 123, sum: 9, p50: null, sketch: null });
  });

  it("counts evaluations and distinct users for exposures", () => {
    const cell = new AggregateCell("exposure");
    for (const user of ["a", "b", "c", "a", "b", "c"]) cell.addExposure(murmur3(user));
    const row = AggregateCell.fromRow("exposure", cell.toRow()).toRow();
    expect(row.count).toBe(6);
    expect(Math.round(row.distinct!)).toBe(3);
  });
});
