import { describe, expect, it } from "vitest";
import type { ChartRow } from "./chart-rows";
import { valueAxisFor } from "./value-axis";

const row = (
  t: number,
  treatment: number | null,
  treatmentSamples: number | null,
  control = 0.01,
  controlSamples: number | null = 500,
): ChartRow => ({
  t,
  treatment,
  control,
  treatmentSamples,
  controlSamples,
  rollout: 20,
});

describe("valueAxisFor", () => {
  it("leaves the axis automatic when every step is well measured", () => {
    expect(valueAxisFor([row(1, 0.05, 300), row(2, 0.06, 280)])).toBeNull();
  });

  it("keeps a thin step's spike from setting the axis, and counts it", () => {
    // 3 requests, one failed: 33%, against 5–6% measured on hundreds.
    const axis = valueAxisFor([row(1, 0.05, 300), row(2, 0.06, 280), row(3, 0.33, 3)]);
    expect(axis).toEqual({ max: 0.08, clippedSteps: 1 });
  });

  it("leaves the axis automatic when the thin step stays below the measured top", () => {
    expect(valueAxisFor([row(1, 0.05, 300), row(2, 0.02, 3)])).toBeNull();
  });

  it("leaves the axis automatic when nothing is well measured", () => {
    expect(valueAxisFor([row(1, 0.5, 2, 0.1, 3), row(2, 0.2, 4, 0.1, 5)])).toBeNull();
  });

  it("treats steps without a sample count as measured", () => {
    expect(valueAxisFor([row(1, 12, null, 10, null), row(2, 11, null, 10, null)])).toBeNull();
  });

  it("rounds the top up to a ceiling that splits into even ticks", () => {
    expect(valueAxisFor([row(1, 0.031, 300), row(2, 0.9, 1)])).toEqual({ max: 0.04, clippedSteps: 1 });
    expect(valueAxisFor([row(1, 430, 300, 400, 300), row(2, 5000, 2)])).toEqual({ max: 600, clippedSteps: 1 });
  });
});
