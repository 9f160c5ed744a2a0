import { describe, expect, it } from "vitest";
import { revertedPercentages } from "./revert-percentages";

describe("revertedPercentages", () => {
  it("puts back what the change moved", () => {
    const change = {
      before: { defaultBasisPoints: 0, cohorts: { mobile: 2000 } },
      after: { defaultBasisPoints: 500, cohorts: { mobile: 4000 } },
    };
    expect(revertedPercentages(change.after, change)).toEqual(change.before);
  });

  it("keeps later changes to values the change left alone", () => {
    const change = {
      before: { defaultBasisPoints: 0, cohorts: { mobile: 2000, beta: 1000 } },
      after: { defaultBasisPoints: 0, cohorts: { mobile: 4000, beta: 1000 } },
    };
    const now = { defaultBasisPoints: 300, cohorts: { mobile: 4000, beta: 5000 } };
    expect(revertedPercentages(now, change)).toEqual({
      defaultBasisPoints: 300,
      cohorts: { mobile: 2000, beta: 5000 },
    });
  });

  it("lets a cohort the change gave its own percentage follow everyone else again", () => {
    const change = {
      before: { defaultBasisPoints: 0, cohorts: {} },
      after: { defaultBasisPoints: 0, cohorts: { eu: 5000 } },
    };
    expect(revertedPercentages(change.after, change)).toEqual({ defaultBasisPoints: 0, cohorts: {} });
  });

  it("gives back a cohort's own percentage the change had removed", () => {
    const change = {
      before: { defaultBasisPoints: 0, cohorts: { eu: 5000 } },
      after: { defaultBasisPoints: 0, cohorts: {} },
    };
    expect(revertedPercentages({ defaultBasisPoints: 100, cohorts: {} }, change)).toEqual({
      defaultBasisPoints: 100,
      cohorts: { eu: 5000 },
    });
  });
});
