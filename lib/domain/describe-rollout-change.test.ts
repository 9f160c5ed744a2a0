import { describe, expect, it } from "vitest";
import { describePercentages, describeRolloutChange } from "./describe-rollout-change";

describe("describeRolloutChange", () => {
  it("names each changed cohort in key order, then everyone else", () => {
    const before = { defaultBasisPoints: 0, cohorts: { eu: 500, beta: 1000 } };
    const after = { defaultBasisPoints: 100, cohorts: { eu: 2500, beta: 1000 } };
    expect(describeRolloutChange(before, after)).toBe("eu 5% → 25%, everyone else 0% → 1%");
  });

  it("says what a cohort that follows everyone else gets, before or after", () => {
    const before = { defaultBasisPoints: 0, cohorts: { beta: 1234 } };
    const after = { defaultBasisPoints: 0, cohorts: { staff: 10_000 } };
    expect(describeRolloutChange(before, after)).toBe(
      "beta 12.34% → 0% (everyone else), staff 0% (everyone else) → 100%",
    );
  });

  it("describes a whole table, cohorts in key order then everyone else", () => {
    expect(describePercentages({ defaultBasisPoints: 1000, cohorts: { mobile: 2000, beta: 5000 } })).toBe(
      "beta 50%, mobile 20%, everyone else 10%",
    );
  });

  it("is empty when nothing changes", () => {
    const same = { defaultBasisPoints: 700, cohorts: { eu: 500 } };
    expect(describeRolloutChange(same, { ...same, cohorts: { ...same.cohorts } })).toBe("");
  });
});
