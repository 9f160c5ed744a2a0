import { describe, expect, it } from "vitest";
import { intervalRuns, valueDomain } from "@/components/plans/interval-chart";
import { describeChange, stepChanges } from "@/components/plans/step-change-list";
import { summarisePlan } from "@/components/plans/plan-summary-words";
import { describeGates, describeTargets, usersServed } from "@/components/plans/plan-words";
import type { PlanSummary } from "@/lib/plans/list-plan-summaries";

const cohorts = [
  { key: "mobile", name: "Mobile app users" },
  { key: "us", name: "US" },
  { key: "eu", name: "EU" },
];
const now = { defaultBasisPoints: 0, cohorts: { mobile: 2000, us: 2500 } };

describe("a plan in words", () => {
  it("tells a step as old → new in the table's order, and only the targets without a table", () => {
    const step = { targets: { us: 5000, mobile: 4000 }, promote: false };
    expect(describeTargets(step, now, cohorts)).toBe("Mobile app users 20% → 40%, US 25% → 50%");
    expect(describeTargets(step, null, cohorts)).toBe("Mobile app users 40%, US 50%");
    expect(describeTargets({ targets: { default: 10000 }, promote: true }, now, cohorts)).toBe(
      "Everyone else 0% → 100%, promote to everyone",
    );
  });

  it("tells the gates in order", () => {
    expect(
      describeGates({
        targets: {},
        bakeMinutes: 90,
        waitForPerson: true,
        notBefore: "2030-06-03T14:00:00.000Z",
        promote: false,
      }),
    ).toEqual(["not before 3 Jun, 14:00 UTC", "a person starts it", "bake 1 h 30 min"]);
  });

  it("folds the cohorts that follow everyone else into its row, and starts a draft release from 0%", () => {
    const changes = stepChanges(now, { targets: { default: 1000, mobile: 2000 }, promote: false }, cohorts, true);
    expect(changes.map(describeChange)).toEqual(["Everyone else 0% → 10% (and EU, following it)"]);
    const fromDraft = stepChanges(now, { targets: { mobile: 4000 }, promote: false }, cohorts, false);
    expect(fromDraft.map(describeChange)).toEqual(["Mobile app users 0% → 40%", "US 0% → 25%"]);
  });

  it("estimates users served from users seen per cohort", () => {
    expect(usersServed(now, { mobile: 1000, us: 400, default: 5000 })).toBe(200 + 100);
    expect(usersServed(now, { mobile: 1000 }, { promoted: true })).toBe(1000);
    expect(usersServed(now, null)).toBeNull();
  });
});

describe("the team page's plan line", () => {
  const base: PlanSummary = {
    releaseKey: "x",
    status: "running",
    statusLabel: "Running",
    currentStep: 2,
    stepCount: 5,
    bakeEndsAt: new Date(Date.UTC(2030, 0, 1, 12, 12)).toISOString(),
    nextWaitsForPerson: false,
    promotes: false,
    waitingFor: "Baking step 3 of 5: 13 min left",
    heldReason: null,
    guardrails: { healthy: 4, waiting: 0, inconclusive: 0, breach: 0 },
    breach: null,
    stale: false,
  };
  const at = Date.UTC(2030, 0, 1, 12, 0);

  it("says where it is, when the next step comes and how the guardrails look", () => {
    expect(summarisePlan(base, at)).toEqual({ text: "step 3 of 5, next in 12 min, guardrails healthy", tone: "ok" });
  });

  it("says why it holds", () => {
    const held = { ...base, status: "held" as const, heldReason: "Holding: sample ratio mismatch in EU: …" };
    expect(summarisePlan(held, at).text).toBe("step 3 of 5 — Holding: sample ratio mismatch in EU: …");
    const outage = { ...base, waitingFor: "Holding: metrics backend unreachable since 13:55 UTC" };
    expect(summarisePlan(outage, at)).toEqual({
      text: "step 3 of 5 — Holding: metrics backend unreachable since 13:55 UTC",
      tone: "warn",
    });
  });

  it("after the bake, uses what the controller waits for", () => {
    const waiting = {
      ...base,
      waitingFor: "Waiting for data: 840 of ~2,000 requests in EU (Error rate)",
      guardrails: { healthy: 3, waiting: 1, inconclusive: 0, breach: 0 },
    };
    expect(summarisePlan(waiting, at + 20 * 60_000).text).toBe(
      "step 3 of 5, waiting for data: 840 of ~2,000 requests in EU (Error rate)",
    );
  });
});

describe("the interval chart", () => {
  const reading = (minute: number, estimate: number | null) => ({
    minute,
    state: estimate === null ? "waiting" : "inconclusive",
    estimate,
    lower: estimate === null ? null : estimate - 0.01,
    upper: estimate === null ? null : estimate + 0.01,
    treatment: 0,
    control: 0,
  });

  it("breaks the band where there was no estimate or a long gap", () => {
    const runs = intervalRuns([
      reading(1, null),
      reading(2, 0.01),
      reading(3, 0.02),
      reading(4, null),
      reading(5, 0),
      reading(20, 0),
    ]);
    expect(runs.map((r) => r.map((p) => p.minute))).toEqual([[2, 3], [5], [20]]);
  });

  it("always shows zero and the tolerance", () => {
    const [lo, hi] = valueDomain([[{ minute: 1, estimate: 0.02, lower: 0.015, upper: 0.025 }]], 0.005);
    expect(lo).toBeLessThan(0);
    expect(hi).toBeGreaterThan(0.025);
  });
});
