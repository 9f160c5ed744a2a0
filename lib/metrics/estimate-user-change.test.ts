import { describe, expect, it } from "vitest";
import { diffRollout, type RolloutValues } from "@/lib/domain/rollout-diff";
import { estimateUserChange, formatUserChange } from "./estimate-user-change";

const names = [
  { key: "beta", name: "Beta" },
  { key: "eu", name: "EU" },
  { key: "ios", name: "iOS" },
];
const saved: RolloutValues = { defaultBasisPoints: 1000, cohorts: { beta: 500, eu: null, ios: null } };

function estimates(draft: RolloutValues, users: Record<string, number> | null) {
  return diffRollout(saved, draft, names).map((c) => [c.key, estimateUserChange(c, saved, draft, users)]);
}

describe("estimateUserChange", () => {
  it("multiplies a cohort's users by its change in percentage", () => {
    expect(estimates({ ...saved, cohorts: { ...saved.cohorts, beta: 2500 } }, { beta: 1000, default: 50 })).toEqual([
      ["beta", 200],
    ]);
    expect(estimates({ ...saved, cohorts: { ...saved.cohorts, beta: 0 } }, { beta: 1000 })).toEqual([["beta", -50]]);
  });

  it("a cohort that starts or stops following everyone else moves from or to the default", () => {
    // eu followed 10%; now explicit 40%.
    expect(estimates({ ...saved, cohorts: { ...saved.cohorts, eu: 4000 } }, { eu: 200 })).toEqual([["eu", 60]]);
    // beta at 5% goes back to following 10%.
    expect(estimates({ ...saved, cohorts: { ...saved.cohorts, beta: null } }, { beta: 200 })).toEqual([["beta", 10]]);
  });

  it("the everyone-else row also moves the cohorts that keep following it", () => {
    const draft = { ...saved, defaultBasisPoints: 3000, cohorts: { ...saved.cohorts, eu: 1000 } };
    // eu is now explicit (own row: 10% → 10%, no change in effect); ios still follows: default + ios move 20 points.
    expect(estimates(draft, { default: 1000, ios: 500, eu: 300, beta: 5 })).toEqual([
      ["eu", 0],
      ["default", 300],
    ]);
  });

  it("says nothing without traffic; a cohort unseen while others had traffic had no users", () => {
    expect(estimates({ ...saved, defaultBasisPoints: 2000 }, null)).toEqual([["default", null]]);
    expect(estimates({ ...saved, defaultBasisPoints: 2000 }, {})).toEqual([["default", null]]);
    expect(estimates({ ...saved, cohorts: { ...saved.cohorts, beta: 9000 } }, { default: 10 })).toEqual([["beta", 0]]);
  });
});

describe("formatUserChange", () => {
  it("rounds, signs and pluralises", () => {
    expect(formatUserChange(1234.4)).toBe("≈ +1,234 users");
    expect(formatUserChange(-35.2)).toBe("≈ −35 users");
    expect(formatUserChange(1)).toBe("≈ +1 user");
    expect(formatUserChange(0.3)).toBe("< 1 user");
    expect(formatUserChange(0)).toBe("≈ 0 users");
  });
});
