import { describe, expect, it } from "vitest";
import { comparisonAlpha, DEFAULT_PLAN_ALPHA, sampleRatioAlpha } from "./alpha-budget";

describe("alpha budget", () => {
  it("splits the plan's budget evenly (Bonferroni)", () => {
    expect(DEFAULT_PLAN_ALPHA).toBe(0.01);
    expect(comparisonAlpha(DEFAULT_PLAN_ALPHA, 20 * 3)).toBeCloseTo(0.01 / 60, 18);
    expect(comparisonAlpha(0.05, 1)).toBe(0.05);
    expect(sampleRatioAlpha(DEFAULT_PLAN_ALPHA, 20, 5)).toBeCloseTo(0.0001, 18);
  });

  it("refuses a budget outside (0, 1) or a count that is not a whole number ≥ 1", () => {
    expect(() => comparisonAlpha(0, 3)).toThrow(RangeError);
    expect(() => comparisonAlpha(1, 3)).toThrow(RangeError);
    expect(() => comparisonAlpha(Number.NaN, 3)).toThrow(RangeError);
    expect(() => comparisonAlpha(0.01, 0)).toThrow(RangeError);
    expect(() => comparisonAlpha(0.01, 2.5)).toThrow(RangeError);
    expect(() => sampleRatioAlpha(0.01, 3, 0)).toThrow(RangeError);
  });
});
