import { describe, expect, it } from "vitest";
import { judgePlan, stepNeedsApproval } from "./plan-approval";
import type { PlanStep } from "./plan-types";

const step = (targets: Record<string, number>, extra: Partial<PlanStep> = {}): PlanStep => ({
  targets,
  bakeMinutes: 30,
  waitForPerson: false,
  notBefore: null,
  promote: false,
  ...extra,
});
const RULES = {
  cohortThresholdBasisPoints: 5000,
  defaultAboveZero: false,
  promote: true,
  criticalReleases: false,
  regressingCohorts: false,
};
const ZERO = { defaultBasisPoints: 0, cohorts: {} };

describe("judgePlan", () => {
  it("judges every step from the one before, once, naming the step", () => {
    const steps = [step({ mobile: 1000 }), step({ mobile: 6000 }), step({ default: 10000 }, { promote: true })];
    const judged = judgePlan(RULES, { status: "draft", now: ZERO, steps, from: 0, critical: false });
    expect(judged.reasons).toEqual([
      "Step 2: mobile raised above 50% (to 60%)",
      "Step 3: everyone else raised above 50% (to 100%)",
      "Step 3: Promoting to everyone needs approval here",
    ]);
    expect(judged.tables.at(-1)).toEqual({ defaultBasisPoints: 10000, cohorts: { mobile: 6000 } });
  });

  it("needs nothing when no step crosses the policy, and nothing at all without a policy", () => {
    const steps = [step({ mobile: 1000 }), step({ mobile: 4000 })];
    expect(judgePlan(RULES, { status: "rolling", now: ZERO, steps, from: 0, critical: false }).reasons).toEqual([]);
    const promote = [step({ default: 10000 }, { promote: true })];
    expect(judgePlan(null, { status: "rolling", now: ZERO, steps: promote, from: 0, critical: false }).reasons).toEqual(
      [],
    );
  });

  it("judges only the steps still to come, and leaves stopped cohorts where they are", () => {
    const steps = [step({ mobile: 6000 }), step({ mobile: 8000, eu: 1000 })];
    const now = { defaultBasisPoints: 0, cohorts: { mobile: 0 } };
    const judged = judgePlan(RULES, { status: "rolling", now, steps, from: 1, critical: false, stopped: ["mobile"] });
    expect(judged.reasons).toEqual([]);
    expect(judged.tables).toEqual([{ defaultBasisPoints: 0, cohorts: { mobile: 0, eu: 1000 } }]);
  });

  it("a single step's own judgement, for a person skipping ahead", () => {
    const now = { defaultBasisPoints: 0, cohorts: { mobile: 4000 } };
    expect(stepNeedsApproval(RULES, { status: "rolling", now, step: step({ mobile: 7500 }), critical: false })).toEqual(
      ["Step 1: mobile raised above 50% (to 75%)"],
    );
  });
});

describe("judgePlan: a regressing cohort", () => {
  it("a step that raises it is held, by name; the promote step too", () => {
    const regressing = new Map([
      [
        "mobile",
        {
          cohortKey: "mobile",
          cohortName: "Mobile app users",
          state: "regressing" as const,
          words: "Error rate 5× control",
          harm: 4,
          basis: "last 24 h" as const,
        },
      ],
    ]);
    const judged = judgePlan(
      { ...RULES, cohortThresholdBasisPoints: null, promote: false, regressingCohorts: true },
      {
        status: "rolling",
        now: { defaultBasisPoints: 0, cohorts: { mobile: 1000 } },
        steps: [step({ eu: 1000 }), step({ mobile: 2000 }), step({}, { promote: true })],
        from: 0,
        critical: false,
        names: new Map([["mobile", "Mobile app users"]]),
        regressing,
      },
    );
    expect(judged.reasons).toEqual([
      "Step 2: Mobile app users is regressing (Error rate 5× control, last 24 h): raised 10% → 20%",
      "Step 3: Mobile app users is regressing (Error rate 5× control, last 24 h): raised 20% → 100%",
    ]);
  });
});
