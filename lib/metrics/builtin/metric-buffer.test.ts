import { describe, expect, it } from "vitest";
import { CellBatchBuilder, cellsOfBatch } from "./cell-batch";
import { MetricBuffer, plannedObservation, type PlannedObservation } from "./metric-buffer";

const series = (releaseKey: string, environmentId = "env-1") => ({
  environmentId,
  metricKey: "latency",
  releaseKey,
  cohortKey: "eu",
  variant: "control" as const,
});
const minutes = (releaseKey: string, from: number, count: number, environmentId?: string): PlannedObservation[] =>
  Array.from({ length: count }, (_, i) =>
    plannedObservation(series(releaseKey, environmentId), "latency", from + i, true, 100 + i, 1),
  );

describe("MetricBuffer limits", () => {
  const limits = { totalCells: 300, environmentCells: 200, releaseCells: 100 };

  it("refuses a batch that would open more series-minutes than a release may hold, and names the limit", () => {
    const buffer = new MetricBuffer(limits);
    buffer.apply(minutes("checkout", 0, 100));
    expect(buffer.size).toBe(100);
    const refusal = buffer.refusal(minutes("checkout", 100, 1));
    expect(refusal?.message).toMatch(/release "checkout" has 100 series-minutes waiting/);
    expect(refusal?.retryAfterSeconds).toBeGreaterThan(0);
    // Cells already open cost nothing: they are always taken.
    expect(buffer.refusal(minutes("checkout", 0, 100))).toBeNull();
    // Another release of the same environment has room of its own.
    expect(buffer.refusal(minutes("search", 0, 100))).toBeNull();
  });

  it("bounds an environment and the whole process, counting cells handed to the worker", () => {
    const buffer = new MetricBuffer(limits);
    buffer.apply([...minutes("a", 0, 100), ...minutes("b", 0, 100)]);
    expect(buffer.refusal(minutes("c", 0, 1))?.message).toMatch(/this environment has 200/);
    expect(buffer.refusal(minutes("c", 0, 100, "env-2"))).toBeNull();
    buffer.outstanding = 100;
    expect(buffer.refusal(minutes("c", 0, 1, "env-2"))?.message).toMatch(/holds 300 series-minutes/);
  });

  it("asks for an early flush when it fills up", () => {
    const buffer = new MetricBuffer(limits);
    let asked = 0;
    buffer.onPressure = () => asked++;
    buffer.refusal(minutes("a", 0, 10));
    expect(asked).toBe(0);
    buffer.apply(minutes("a", 0, 100));
    buffer.refusal(minutes("a", 100, 1));
    expect(asked).toBe(1);
  });

  it("drains every cell, samples included, and starts empty", () => {
    const buffer = new MetricBuffer(limits);
    const spills: number[] = [];
    buffer.onSpill = (spill) => spills.push(spill.n);
    for (let i = 0; i < 1000; i++) buffer.add(series("a"), "latency", 5, true, i + 1, 1);
    buffer.add(series("b"), "plain", 5, false, 10, 2);
    const builder = new CellBatchBuilder();
    expect(buffer.drainInto(builder)).toBe(2);
    expect(buffer.size).toBe(0);
    // Samples went ahead in blocks of 256 once the cell had that many; the rest came with the batch.
    expect(spills).toEqual([256, 256, 256]);
    const cells = cellsOfBatch(builder.build(), new Map());
    expect(cells.map((c) => [c.series.releaseKey, c.cell.count, c.cell.sum])).toEqual([
      ["a", 1000, 500_500],
      ["b", 10, 2],
    ]);
  });
});
