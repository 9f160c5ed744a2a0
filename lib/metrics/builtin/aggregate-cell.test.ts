import { describe, expect, it } from "vitest";
import { murmur3 } from "@/lib/domain/murmur3";
import { AggregateCell, unstorableField } from "./aggregate-cell";
import { MAX_CELL_COUNT, MAX_CELL_SUM } from "./cell-bounds";

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

describe("AggregateCell bounds", () => {
  it("saturates instead of overflowing, so a cell stays finite whatever is added", () => {
    const cell = new AggregateCell("plain");
    cell.addIncrement(1, 1.7e308);
    cell.addIncrement(1, 1.7e308);
    cell.addSample(1e300, 1e9);
    expect(cell.sum).toBe(MAX_CELL_SUM);
    expect(Number.isFinite(cell.sum)).toBe(true);
    cell.addIncrement(Number.MAX_VALUE, -Infinity);
    expect(cell.count).toBe(MAX_CELL_COUNT);
    expect(cell.sum).toBe(-MAX_CELL_SUM);
    cell.addIncrement(Number.NaN, Number.NaN);
    expect(cell.toRow()).toMatchObject({ count: MAX_CELL_COUNT, sum: -MAX_CELL_SUM });
    expect(unstorableField(cell.toRow())).toBeNull();
  });

  it("stays finite when merged with a stored row, flush after flush", () => {
    let stored = new AggregateCell("latency").toRow();
    for (let flush = 0; flush < 3; flush++) {
      const cell = new AggregateCell("latency");
      cell.addSample(1e9, 1e9);
      cell.addIncrement(0, 1e300);
      const merged = AggregateCell.fromRow("latency", stored);
      merged.merge(cell);
      stored = merged.toRow();
      expect(unstorableField(stored)).toBeNull();
    }
    expect(stored.sum).toBe(MAX_CELL_SUM);
    expect(stored.count).toBe(3e9);
  });

  it("reads a stored row that holds a non-finite number as a finite one", () => {
    const cell = AggregateCell.fromRow("plain", { count: Number.NaN, sum: Infinity, sketch: null });
    expect(cell.toRow()).toMatchObject({ count: 0, sum: MAX_CELL_SUM });
  });

  it("names the field of a row the store can't hold", () => {
    const row = new AggregateCell("plain").toRow();
    expect(unstorableField({ ...row, sum: Infinity })).toBe("sum");
    expect(unstorableField({ ...row, p95: Number.NaN })).toBe("p95");
  });
});
