import { describe, expect, it } from "vitest";
import {
  approvalReasons,
  cohortFlowReasons,
  describeRules,
  NO_APPROVAL,
  type ApprovalRules,
  type Percentages,
} from "./approval-policy";
import type { CohortHealth } from "./cohort-health";

const strict: ApprovalRules = {
  cohortThresholdBasisPoints: 5000,
  defaultAboveZero: true,
  promote: true,
  criticalReleases: true,
  regressingCohorts: false,
};
const p = (defaultBasisPoints: number, cohorts: Record<string, number> = {}) => ({ defaultBasisPoints, cohorts });

describe("approvalReasons", () => {
  it("no policy or an empty one: everything applies directly", () => {
    expect(approvalReasons(null, { kind: "promote", critical: true })).toEqual([]);
    expect(
      approvalReasons(NO_APPROVAL, {
        kind: "set_rollout",
        status: "rolling",
        before: p(0),
        after: p(10000, { eu: 10000 }),
        critical: true,
      }),
    ).toEqual([]);
  });

  it("raising a cohort above the threshold needs approval; up to it does not", () => {
    const at = approvalReasons(strict, {
      kind: "set_rollout",
      status: "rolling",
      before: p(0, { eu: 1000 }),
      after: p(0, { eu: 5000 }),
      critical: false,
    });
    expect(at).toEqual([]);
    const above = approvalReasons(strict, {
      kind: "set_rollout",
      status: "rolling",
      before: p(0, { eu: 1000 }),
      after: p(0, { eu: 5001 }),
      critical: false,
    });
    expect(above).toEqual(["eu raised above 50% (to 50.01%)"]);
  });

  it("lowering never needs approval, even far above the threshold", () => {
    expect(
      approvalReasons(strict, {
        kind: "set_rollout",
        status: "rolling",
        before: p(100, { eu: 9000 }),
        after: p(0, { eu: 6000 }),
        critical: false,
      }),
    ).toEqual([]);
  });

  it("a cohort that follows everyone else is judged by what it serves", () => {
    // Removing eu's own 80% lets it follow everyone else at 90%: a raise above the threshold.
    const reasons = approvalReasons(
      { ...strict, defaultAboveZero: false },
      { kind: "set_rollout", status: "rolling", before: p(9000, { eu: 8000 }), after: p(9000), critical: false },
    );
    expect(reasons).toEqual(["eu raised above 50% (to 90%)"]);
    // Keeping 60% explicitly is not a raise.
    expect(
      approvalReasons(strict, {
        kind: "set_rollout",
        status: "rolling",
        before: p(0, { eu: 6000 }),
        after: p(0, { eu: 6000, us: 100 }),
        critical: false,
      }),
    ).toEqual([]);
  });

  it("everyone else above 0% and above the threshold are separate reasons", () => {
    const reasons = approvalReasons(strict, {
      kind: "set_rollout",
      status: "paused",
      before: p(0),
      after: p(6000),
      critical: false,
    });
    expect(reasons).toEqual(["everyone else raised above 50% (to 60%)", "everyone else raised above 0% (to 60%)"]);
    expect(
      approvalReasons(
        { ...strict, defaultAboveZero: false },
        { kind: "set_rollout", status: "rolling", before: p(0), after: p(100), critical: false },
      ),
    ).toEqual([]);
  });

  it("drafts serve nobody: their edits apply directly and starting them is judged from 0%", () => {
    expect(
      approvalReasons(strict, {
        kind: "set_rollout",
        status: "draft",
        before: p(0),
        after: p(100, { eu: 9000 }),
        critical: true,
      }),
    ).toEqual([]);
    expect(approvalReasons(strict, { kind: "start", percentages: p(0, { eu: 9000 }), critical: false })).toEqual([
      "eu raised above 50% (to 90%)",
    ]);
    expect(approvalReasons(strict, { kind: "start", percentages: p(0, { eu: 100 }), critical: false })).toEqual([]);
  });

  it("promoting and critical releases", () => {
    expect(approvalReasons(strict, { kind: "promote", critical: false })).toEqual([
      "Promoting to everyone needs approval here",
    ]);
    expect(approvalReasons({ ...strict, promote: false }, { kind: "promote", critical: false })).toEqual([]);
    expect(
      approvalReasons(strict, {
        kind: "set_rollout",
        status: "rolling",
        before: p(0, { eu: 200 }),
        after: p(0, { eu: 100 }),
        critical: true,
      }),
    ).toEqual(["Changes to critical releases need approval here"]);
    expect(approvalReasons({ ...strict, promote: false }, { kind: "promote", critical: true })).toEqual([
      "Changes to critical releases need approval here",
    ]);
  });
});

describe("describeRules", () => {
  it("says what needs approval", () => {
    expect(describeRules(null)).toBe("Every change applies directly");
    expect(describeRules(NO_APPROVAL)).toBe("Every change applies directly");
    expect(describeRules(strict)).toBe(
      "Needs approval: raising a cohort above 50%, raising everyone else above 0%, promoting, any change to a critical release",
    );
  });
});

describe("approvalReasons: side doors (issue 10)", () => {
  it("a cohort that matches everyone is judged as everyone else", () => {
    const universal = new Set(["all"]);
    const catchAll = approvalReasons(strict, {
      kind: "set_rollout",
      status: "rolling",
      before: p(0, { all: 0 }),
      after: p(0, { all: 5000 }),
      critical: false,
      universalCohorts: universal,
    });
    expect(catchAll).toEqual(["all matches everyone, so it counts as everyone else: raised above 0% (to 50%)"]);
    expect(
      approvalReasons(strict, {
        kind: "start",
        percentages: p(0, { all: 100 }),
        critical: false,
        universalCohorts: universal,
      }),
    ).toEqual(["all matches everyone, so it counts as everyone else: raised above 0% (to 1%)"]);
    // The same change on an ordinary cohort is within policy.
    expect(
      approvalReasons(strict, {
        kind: "set_rollout",
        status: "rolling",
        before: p(0, { all: 0 }),
        after: p(0, { all: 5000 }),
        critical: false,
      }),
    ).toEqual([]);
    // Lowering a catch-all cohort is still only a lowering.
    expect(
      approvalReasons(strict, {
        kind: "set_rollout",
        status: "rolling",
        before: p(0, { all: 5000 }),
        after: p(0, { all: 100 }),
        critical: false,
        universalCohorts: universal,
      }),
    ).toEqual([]);
  });

  it("pause, resume and restart of a critical release need approval like any other change to it", () => {
    expect(approvalReasons(strict, { kind: "status", critical: true })).toEqual([
      "Changes to critical releases need approval here",
    ]);
    expect(approvalReasons(strict, { kind: "status", critical: false })).toEqual([]);
  });
});

describe("cohortFlowReasons", () => {
  const names = new Map([
    ["beta", "Beta testers"],
    ["eu", "EU"],
  ]);
  const rollout = (percentages: ReturnType<typeof p>, critical = false) => ({
    name: "New checkout",
    critical,
    percentages,
  });

  it("users moved into a cohort served above the threshold need approval", () => {
    const reasons = cohortFlowReasons(strict, rollout(p(0, { beta: 10000 })), [{ from: "default", to: "beta" }], names);
    expect(reasons).toEqual([
      "New checkout: users moving to Beta testers from everyone else (0%) would get 100% (above 50%)",
    ]);
  });

  it("moving users to where they get less, or the same, needs none", () => {
    expect(cohortFlowReasons(strict, rollout(p(0, { beta: 10000 })), [{ from: "beta", to: "default" }], names)).toEqual(
      [],
    );
    expect(
      cohortFlowReasons(
        strict,
        rollout(p(3000, { eu: 3000 })),
        [
          { from: "eu", to: "default" },
          { from: "default", to: "eu" },
        ],
        names,
      ),
    ).toEqual([]);
  });

  it("users falling to everyone else served above 0% need approval where that rule is on", () => {
    const reasons = cohortFlowReasons(strict, rollout(p(1000, { beta: 0 })), [{ from: "beta", to: "default" }], names);
    expect(reasons).toEqual([
      "New checkout: users moving to everyone else from Beta testers (0%) would get 10% (everyone else above 0%)",
    ]);
    expect(
      cohortFlowReasons(
        { ...strict, defaultAboveZero: false },
        rollout(p(1000, { beta: 0 })),
        [{ from: "beta", to: "default" }],
        names,
      ),
    ).toEqual([]);
  });

  it("users landing in a cohort that matches everyone after the change count as everyone else", () => {
    const flows = [{ from: "default", to: "beta" }];
    expect(cohortFlowReasons(strict, rollout(p(0, { beta: 3000 })), flows, names)).toEqual([]);
    expect(cohortFlowReasons(strict, rollout(p(0, { beta: 3000 })), flows, names, new Set(["beta"]))).toEqual([
      "New checkout: users moving to Beta testers from everyone else (0%) would get 30% (Beta testers matches everyone, so it counts as everyone else above 0%)",
    ]);
  });

  it("a cohort following everyone else is judged by what it serves", () => {
    expect(cohortFlowReasons(strict, rollout(p(9000)), [{ from: "eu", to: "beta" }], names)).toEqual([]);
  });

  it("critical releases: any change in who gets it, up or down", () => {
    expect(
      cohortFlowReasons(strict, rollout(p(0, { beta: 2000 }), true), [{ from: "beta", to: "default" }], names),
    ).toEqual(["New checkout is critical: changing who gets it needs approval here"]);
    expect(
      cohortFlowReasons(strict, rollout(p(0, { beta: 0 }), true), [{ from: "beta", to: "default" }], names),
    ).toEqual([]);
  });

  it("no policy: never", () => {
    expect(cohortFlowReasons(null, rollout(p(0, { beta: 10000 })), [{ from: "default", to: "beta" }], names)).toEqual(
      [],
    );
  });
});

describe("approvalReasons: raising a cohort that is regressing", () => {
  const rules: ApprovalRules = { ...NO_APPROVAL, regressingCohorts: true };
  const names = new Map([
    ["mobile", "Mobile app users"],
    ["eu", "EU shoppers"],
  ]);
  const mobile: CohortHealth = {
    cohortKey: "mobile",
    cohortName: "Mobile app users",
    state: "regressing",
    words: "Error rate 5× control",
    harm: 4,
    basis: "last 24 h",
  };
  const regressing = new Map([["mobile", mobile]]);
  const change = (before: Percentages, after: Percentages) =>
    approvalReasons(rules, {
      kind: "set_rollout",
      status: "rolling",
      before,
      after,
      critical: false,
      names,
      regressing,
    });

  it("raising the regressing cohort is held, with its name and how much worse it is", () => {
    expect(change(p(0, { mobile: 2000 }), p(0, { mobile: 4000 }))).toEqual([
      "Mobile app users is regressing (Error rate 5× control, last 24 h): raised 20% → 40%",
    ]);
  });

  it("lowering it, or raising another cohort, applies directly", () => {
    expect(change(p(0, { mobile: 4000 }), p(0, { mobile: 2000 }))).toEqual([]);
    expect(change(p(0, { mobile: 2000, eu: 1000 }), p(0, { mobile: 2000, eu: 3000 }))).toEqual([]);
  });

  it("a regressing cohort without its own percentage is raised with everyone else", () => {
    expect(change(p(1000), p(3000))).toEqual([
      "Mobile app users is regressing (Error rate 5× control, last 24 h): raised 10% → 30%",
    ]);
  });

  it("promote and start raise it too; without the rule, or without health, nothing is held", () => {
    expect(
      approvalReasons(rules, {
        kind: "promote",
        critical: false,
        percentages: p(0, { mobile: 2000 }),
        names,
        regressing,
      }),
    ).toEqual(["Mobile app users is regressing (Error rate 5× control, last 24 h): raised 20% → 100%"]);
    expect(
      approvalReasons(rules, { kind: "start", critical: false, percentages: p(0, { mobile: 500 }), names, regressing }),
    ).toEqual(["Mobile app users is regressing (Error rate 5× control, last 24 h): raised 0% → 5%"]);
    expect(
      approvalReasons(NO_APPROVAL, { kind: "promote", critical: false, percentages: p(0), names, regressing }),
    ).toEqual([]);
    expect(approvalReasons(rules, { kind: "promote", critical: false, percentages: p(0), names })).toEqual([]);
  });

  it("everyone else regressing reads as everyone else", () => {
    const everyoneElse: CohortHealth = { ...mobile, cohortKey: "default", cohortName: "Everyone else" };
    expect(
      approvalReasons(rules, {
        kind: "set_rollout",
        status: "rolling",
        before: p(0),
        after: p(500),
        critical: false,
        regressing: new Map([["default", everyoneElse]]),
      }),
    ).toEqual(["Everyone else is regressing (Error rate 5× control, last 24 h): raised 0% → 5%"]);
  });

  it("threshold reasons use cohort names", () => {
    expect(
      approvalReasons(strict, {
        kind: "set_rollout",
        status: "rolling",
        before: p(0, { mobile: 2000 }),
        after: p(0, { mobile: 6000 }),
        critical: false,
        names,
      }),
    ).toEqual(["Mobile app users raised above 50% (to 60%)"]);
  });

  it("the policy line names the rule", () => {
    expect(describeRules(rules)).toBe("Needs approval: raising a cohort that is regressing");
  });
});
