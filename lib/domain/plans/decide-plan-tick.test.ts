import { describe, expect, it } from "vitest";
import { decidePlanTick, type CohortData, type PlanState, type TickInput } from "./decide-plan-tick";
import type { PlanStep } from "./plan-types";

const MINUTE = 60_000;
const step = (targets: Record<string, number>, extra: Partial<PlanStep> = {}): PlanStep => ({
  targets,
  bakeMinutes: 10,
  waitForPerson: false,
  notBefore: null,
  promote: false,
  ...extra,
});

const STEPS = [step({ beta: 1000 }), step({ beta: 5000 }), step({ beta: 10000 }, { promote: true, bakeMinutes: 0 })];

function plan(extra: Partial<PlanState> = {}): PlanState {
  return {
    status: "running",
    currentStep: 0,
    stepStartedAt: 0,
    steps: STEPS,
    guardrails: {
      metrics: [
        { metricKey: "errors", quantile: null, tolerance: { kind: "absolute", value: 0.005 }, onBreach: "rollback" },
      ],
      alpha: 0.01,
      outageAlertMinutes: 15,
      patienceBakes: 3,
    },
    stoppedCohorts: [],
    backendFailingSince: null,
    backendAlertSent: false,
    ...extra,
  };
}

const arms = (t: [number, number], c: [number, number]): CohortData => ({
  metrics: {
    errors: {
      treatment: { kind: "error_rate", requests: t[0], errors: t[1] },
      control: { kind: "error_rate", requests: c[0], errors: c[1] },
    },
  },
  exposures: null,
});

const HEALTHY = arms([200_000, 2_000], [200_000, 2_000]);

function input(extra: Partial<TickInput> & { beta?: CohortData } = {}): TickInput {
  const { beta = HEALTHY, ...rest } = extra;
  return {
    now: 11 * MINUTE,
    plan: plan(),
    served: { defaultBasisPoints: 0, cohorts: { beta: 1000 } },
    cohorts: [
      { key: "beta", name: "Beta testers" },
      { key: "default", name: "everyone else" },
    ],
    metrics: [{ key: "errors", name: "error rate", kind: "error_rate", badDirection: "up" }],
    data: { ok: true, cohorts: { beta } },
    ...rest,
  };
}

describe("decidePlanTick", () => {
  it("advances once the bake time is over and every judged cohort is healthy, with the reason in numbers", () => {
    const decision = decidePlanTick(input());
    expect(decision.action).toMatchObject({ kind: "advance", toStep: 1 });
    if (decision.action.kind !== "advance") throw new Error("no advance");
    expect(decision.action.reason).toMatch(
      /^step 1 of 3 baked 11 min, guardrails healthy in 1 cohort \(closest to its tolerance: error rate ±0\.0 pp \(−?\d\.\d to \d\.\d\) in Beta testers\); now Beta testers 50%$/,
    );
    // Everyone else serves 0%: no treatment there, so it is not judged.
    expect(decision.verdicts.map((v) => v.cohortKey)).toEqual(["beta"]);
  });

  it("waits out the bake time, saying how long is left", () => {
    expect(decidePlanTick(input({ now: 4 * MINUTE })).action).toEqual({
      kind: "wait",
      waitingFor: "Baking step 1 of 3: 6 min left",
    });
  });

  it("rolls back on a breach whatever the bake, naming the cohort, the metric and the interval", () => {
    const decision = decidePlanTick(input({ now: MINUTE, beta: arms([50_000, 2_500], [200_000, 2_000]) }));
    expect(decision.action.kind).toBe("rollback");
    if (decision.action.kind !== "rollback") throw new Error("no rollback");
    expect(decision.action.reason).toMatch(
      /^Regression: error rate \+4\.0 pp \(\d\.\d to \d\.\d\) in Beta testers, tolerance \+0\.5 pp$/,
    );
  });

  it("sets only the cohort to 0% when that is the guardrail's breach action", () => {
    const p = plan();
    p.guardrails.metrics[0]!.onBreach = "zero_cohort";
    const decision = decidePlanTick(input({ plan: p, beta: arms([50_000, 2_500], [200_000, 2_000]) }));
    expect(decision.action).toMatchObject({ kind: "zero_cohort", cohortKey: "beta", metricKey: "errors" });
  });

  it("keeps rolling back on harm while paused or holding, but takes no step", () => {
    const bad = arms([50_000, 2_500], [200_000, 2_000]);
    expect(decidePlanTick(input({ plan: plan({ status: "paused" }), beta: bad })).action.kind).toBe("rollback");
    expect(decidePlanTick(input({ plan: plan({ status: "held" }), beta: bad })).action.kind).toBe("rollback");
    expect(decidePlanTick(input({ plan: plan({ status: "paused" }) })).action.kind).toBe("none");
  });

  it("never advances while the backend fails, and alerts once after the configured time", () => {
    const down = { ok: false as const, error: "unreachable" };
    const first = decidePlanTick(input({ data: down }));
    expect(first).toMatchObject({ backendOk: false, alertBackend: false });
    expect(first.action).toEqual({ kind: "wait", waitingFor: "Holding: metrics backend unreachable since 00:11 UTC" });
    const later = decidePlanTick(
      input({ data: down, now: 40 * MINUTE, plan: plan({ backendFailingSince: 20 * MINUTE }) }),
    );
    expect(later.alertBackend).toBe(true);
    const told = decidePlanTick(
      input({ data: down, now: 50 * MINUTE, plan: plan({ backendFailingSince: 20 * MINUTE, backendAlertSent: true }) }),
    );
    expect(told.alertBackend).toBe(false);
  });

  it("waits for data, then asks a person once the step has had several bake times", () => {
    const thin = arms([40, 0], [400, 4]);
    const waiting = decidePlanTick(input({ beta: thin }));
    expect(waiting.action.kind).toBe("wait");
    if (waiting.action.kind !== "wait") throw new Error("no wait");
    expect(waiting.action.waitingFor).toMatch(
      /^Waiting for data: 40 of ~[\d,]+ requests in Beta testers \(error rate\)$/,
    );
    const held = decidePlanTick(input({ beta: thin, now: 31 * MINUTE }));
    expect(held.action.kind).toBe("hold");
  });

  it("holds on a sample ratio mismatch", () => {
    const skewed = { ...HEALTHY, exposures: { treatment: 1_000, control: 19_000 } };
    const decision = decidePlanTick(input({ beta: skewed }));
    expect(decision.action.kind).toBe("hold");
    if (decision.action.kind !== "hold") throw new Error("no hold");
    expect(decision.action.reason).toContain("sample ratio mismatch in Beta testers: 5.0% of exposed users");
  });

  it("respects gates: a person, or a time", () => {
    const gated = [STEPS[0]!, { ...STEPS[1]!, waitForPerson: true }, STEPS[2]!];
    expect(decidePlanTick(input({ plan: plan({ steps: gated }) })).action).toEqual({
      kind: "wait",
      waitingFor: "Waiting for a person to continue to step 2",
    });
    const later = [STEPS[0]!, { ...STEPS[1]!, notBefore: "2030-01-01T09:00:00.000Z" }, STEPS[2]!];
    expect(decidePlanTick(input({ plan: plan({ steps: later }) })).action).toEqual({
      kind: "wait",
      waitingFor: "Step 2 not before 2030-01-01T09:00:00.000Z",
    });
  });

  it("finishes after the last step bakes healthy, or at once when it promotes", () => {
    const two = [STEPS[0]!, STEPS[1]!];
    expect(decidePlanTick(input({ plan: plan({ steps: two, currentStep: 1 }) })).action.kind).toBe("finish");
    expect(decidePlanTick(input({ plan: plan({ currentStep: 2 }) })).action.kind).toBe("finish");
  });

  it("leaves a stopped cohort at 0% in later steps", () => {
    const decision = decidePlanTick(input({ plan: plan({ stoppedCohorts: ["beta"] }), beta: HEALTHY }));
    if (decision.action.kind !== "advance") throw new Error("no advance");
    expect(decision.action.reason).toMatch(/; now $/);
  });
});

describe("decidePlanTick, the two intervals", () => {
  it("never rolls back on the lenient interval: past the tolerance there is only 'not yet sure'", () => {
    // 0.8% vs 0.5% on 50,000 requests each: past +0.15 pp at α = 0.2, not at the plan's split budget.
    const p = plan();
    p.guardrails.metrics[0]!.tolerance = { kind: "absolute", value: 0.0015 };
    const decision = decidePlanTick(input({ plan: p, now: MINUTE, beta: arms([50_000, 400], [50_000, 250]) }));
    const verdict = decision.verdicts[0]!.metrics[0]!;
    expect(verdict.health.state).toBe("breach");
    expect(verdict.verdict.state).not.toBe("breach");
    expect(verdict.state).toBe("inconclusive");
    expect(decision.action.kind).toBe("wait");
  });
});
