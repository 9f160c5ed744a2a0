import type {
  ArmData,
  GuardrailMetricKind,
  GuardrailVerdict,
  SampleRatioVerdict,
} from "@/lib/domain/guardrails/guardrail-types";
import { judgeGuardrail } from "@/lib/domain/guardrails/judge-guardrail";
import { sampleRatioTest } from "@/lib/domain/guardrails/sample-ratio";
import { formatBasisPoints } from "@/lib/domain/percent";
import { describeVerdict, describeWaiting } from "./describe-verdict";
import { applyStep, servedBasisPoints, type PlanPercentages } from "./plan-percentages";
import { EVERYONE_ELSE, type BreachAction, type PlanGuardrails, type PlanStatus, type PlanStep } from "./plan-types";

/**
 * The controller's judgement for one plan at one moment, pure: given the plan's state, what
 * the release serves now and the data since the plan started, what happens next. The
 * controller (lib/plans/controller) reads the inputs and applies the decision; the simulation
 * (scripts/sim) feeds it synthetic data with a simulated clock.
 */

/** Advancing is a weaker claim than rolling back: a step counts as healthy when this interval is within tolerance. */
export const HEALTH_ALPHA = 0.2;
/** The whole plan's budget for sample-ratio alarms, split over cohorts × steps. */
export const SAMPLE_RATIO_ALPHA = 0.01;
/** A step without a bake time still gets this long to gather data before it asks a person. */
const MIN_PATIENCE_MINUTES = 30;

export type JudgedMetric = { key: string; name: string; kind: GuardrailMetricKind; badDirection: "up" | "down" };
export type JudgedCohort = { key: string; name: string };

export type ArmPair = { treatment: ArmData; control: ArmData };
export type CohortData = {
  /** Per metric key, both arms since the plan started; absent: the backend had nothing. */
  metrics: Record<string, ArmPair | undefined>;
  /**
   * Exposed users per variant since the current step started. `relativeError`: how far each
   * count may be off on its own (a HyperLogLog's ~2.3%; 0 or absent for exact counts).
   */
  exposures: { treatment: number; control: number; relativeError?: number } | null;
};
export type TickData = { ok: true; cohorts: Record<string, CohortData | undefined> } | { ok: false; error: string };

export type PlanState = {
  status: PlanStatus;
  currentStep: number;
  /** Epoch ms. */
  stepStartedAt: number;
  steps: readonly PlanStep[];
  guardrails: PlanGuardrails;
  /** Cohorts a breach set to 0%: later steps leave them there. */
  stoppedCohorts: readonly string[];
  backendFailingSince: number | null;
  backendAlertSent: boolean;
};

export type MetricVerdict = {
  metricKey: string;
  state: GuardrailVerdict["state"];
  /** The rollback test's interval (the plan's budget split over cohorts × metrics). */
  verdict: GuardrailVerdict;
  /** The same comparison at HEALTH_ALPHA: what "healthy enough to advance" is judged on. */
  health: GuardrailVerdict;
  words: string;
};
export type CohortVerdict = {
  cohortKey: string;
  basisPoints: number;
  metrics: MetricVerdict[];
  sampleRatio: SampleRatioVerdict | null;
};

export type TickAction =
  | { kind: "wait"; waitingFor: string }
  | { kind: "advance"; toStep: number; reason: string }
  | { kind: "finish"; reason: string }
  | { kind: "rollback"; cohortKey: string; metricKey: string; reason: string }
  | { kind: "zero_cohort"; cohortKey: string; metricKey: string; reason: string }
  | { kind: "hold"; reason: string }
  | { kind: "none" };

export type TickDecision = {
  action: TickAction;
  verdicts: CohortVerdict[];
  /** The backend has failed past the plan's alert time and nobody was told yet. */
  alertBackend: boolean;
  /** Whether the backend answered this tick (the controller records when it stopped). */
  backendOk: boolean;
};

export type TickInput = {
  now: number;
  plan: PlanState;
  /** What the release serves now. */
  served: PlanPercentages;
  /** Every cohort the plan could judge: the team's cohorts and everyone else ("default"). */
  cohorts: readonly JudgedCohort[];
  metrics: readonly JudgedMetric[];
  data: TickData;
};

/**
 * The error budget per comparison. `units` is every cohort the plan could judge (the team's
 * cohorts and everyone else), fixed for the plan, so the split holds whichever of them end up
 * with both a treatment and a control.
 */
export function comparisonAlphas(plan: Pick<PlanState, "steps" | "guardrails">, unitCount: number) {
  const units = Math.max(1, unitCount);
  const metrics = Math.max(1, plan.guardrails.metrics.length);
  return {
    breach: plan.guardrails.alpha / (units * metrics),
    sampleRatio: SAMPLE_RATIO_ALPHA / (units * Math.max(1, plan.steps.length)),
  };
}

/** Cohorts with both a treatment and a control: the ones a comparison can judge. */
export function judgedCohorts(served: PlanPercentages, cohorts: readonly JudgedCohort[]): JudgedCohort[] {
  return cohorts.filter((cohort) => {
    const bp = servedBasisPoints(served, cohort.key);
    return bp > 0 && bp < 10_000;
  });
}

export function decidePlanTick(input: TickInput): TickDecision {
  const { plan, now } = input;
  const live = plan.status === "running" || plan.status === "paused" || plan.status === "held";
  if (!live) return { action: { kind: "none" }, verdicts: [], alertBackend: false, backendOk: true };

  if (!input.data.ok) {
    const since = plan.backendFailingSince ?? now;
    const alertBackend =
      !plan.backendAlertSent && now - since >= plan.guardrails.outageAlertMinutes * 60_000 && plan.status === "running";
    const action: TickAction =
      plan.status === "running"
        ? { kind: "wait", waitingFor: `Holding: metrics backend unreachable since ${clock(since)}` }
        : { kind: "none" };
    return { action, verdicts: [], alertBackend, backendOk: false };
  }

  const verdicts = judgeAll(input, input.data);
  const breach = firstBreach(verdicts, plan.guardrails.metrics);
  if (breach) return { action: breach, verdicts, alertBackend: false, backendOk: true };
  if (plan.status !== "running") return { action: { kind: "none" }, verdicts, alertBackend: false, backendOk: true };

  const mismatch = verdicts.find((v) => v.sampleRatio?.mismatch);
  if (mismatch) {
    const ratio = mismatch.sampleRatio!;
    const observed = ratio.observedShare === null ? "?" : percent(ratio.observedShare);
    return {
      action: {
        kind: "hold",
        reason:
          `Holding: sample ratio mismatch in ${nameOf(input, mismatch.cohortKey)}: ` +
          `${observed} of exposed users got the release, ${percent(ratio.expectedShare)} expected ` +
          `(${ratio.samples.treatment.toLocaleString("en-US")} vs ${ratio.samples.control.toLocaleString("en-US")}); ` +
          `the comparison can't be trusted`,
      },
      verdicts,
      alertBackend: false,
      backendOk: true,
    };
  }

  return { action: nextStepAction(input, verdicts), verdicts, alertBackend: false, backendOk: true };
}

function judgeAll(input: TickInput, data: { cohorts: Record<string, CohortData | undefined> }): CohortVerdict[] {
  const { plan } = input;
  const alphas = comparisonAlphas(plan, input.cohorts.length);
  return judgedCohorts(input.served, input.cohorts).map((cohort) => {
    const basisPoints = servedBasisPoints(input.served, cohort.key);
    const cohortData = data.cohorts[cohort.key];
    const metrics = plan.guardrails.metrics.flatMap((spec): MetricVerdict[] => {
      const metric = input.metrics.find((m) => m.key === spec.metricKey);
      if (!metric) return [];
      const arms = cohortData?.metrics[spec.metricKey] ?? emptyArms(metric.kind);
      const base = {
        kind: metric.kind,
        badDirection: metric.badDirection,
        quantile: spec.quantile ?? undefined,
        tolerance: spec.tolerance,
        treatment: arms.treatment,
        control: arms.control,
      };
      const verdict = judgeGuardrail({ ...base, alpha: alphas.breach });
      const health = judgeGuardrail({ ...base, alpha: HEALTH_ALPHA });
      // Only the rollback test's interval may call a breach; the lenient one only says whether
      // the step is healthy enough to advance ("past the tolerance" there is merely not sure).
      const state = verdict.state === "breach" ? "breach" : health.state === "breach" ? "inconclusive" : health.state;
      return [
        {
          metricKey: spec.metricKey,
          state,
          verdict,
          health,
          words: describeVerdict(state, verdict, health, metric, cohort.name),
        },
      ];
    });
    const exposures = cohortData?.exposures ?? null;
    const share = basisPoints / 10_000;
    const sampleRatio = exposures
      ? sampleRatioTest(exposures, share, alphas.sampleRatio, {
          minRelativeDeviation: sketchGuard(share, exposures.relativeError ?? 0),
        })
      : null;
    return { cohortKey: cohort.key, basisPoints, metrics, sampleRatio };
  });
}

/**
 * How far off the observed share must be before a mismatch is called, beyond the sequential
 * test: with exact counts 1%; with sketched counts, four standard deviations of what the
 * sketches' own errors do to the share ((1 − p)·√2·e), so a sketch never raises a false alarm.
 */
export function sketchGuard(share: number, relativeError: number): number {
  return Math.max(0.01, 4 * (1 - share) * Math.SQRT2 * relativeError);
}

function emptyArms(kind: GuardrailMetricKind): ArmPair {
  const empty: ArmData =
    kind === "error_rate"
      ? { kind, requests: 0, errors: 0 }
      : kind === "count"
        ? { kind, exposedUsers: 0, events: 0 }
        : { kind, count: 0, quantile: () => null };
  return { treatment: empty, control: empty };
}

function firstBreach(verdicts: readonly CohortVerdict[], specs: PlanGuardrails["metrics"]): TickAction | null {
  const breaches = verdicts.flatMap((cohort) =>
    cohort.metrics
      .filter((m) => m.state === "breach")
      .map((m) => ({
        cohort,
        metric: m,
        onBreach: specs.find((s) => s.metricKey === m.metricKey)?.onBreach ?? ("rollback" as BreachAction),
      })),
  );
  if (breaches.length === 0) return null;
  // Rolling back the release covers every cohort; prefer it when any breach asks for it.
  const chosen = breaches.find((b) => b.onBreach === "rollback") ?? breaches[0]!;
  const reason = `Regression: ${chosen.metric.words}`;
  return chosen.onBreach === "rollback"
    ? { kind: "rollback", cohortKey: chosen.cohort.cohortKey, metricKey: chosen.metric.metricKey, reason }
    : { kind: "zero_cohort", cohortKey: chosen.cohort.cohortKey, metricKey: chosen.metric.metricKey, reason };
}

function nextStepAction(input: TickInput, verdicts: readonly CohortVerdict[]): TickAction {
  const { plan, now } = input;
  const step = plan.steps[plan.currentStep];
  if (!step) return { kind: "none" };
  const elapsed = now - plan.stepStartedAt;
  const bakeMs = step.bakeMinutes * 60_000;
  const stepLabel = `step ${plan.currentStep + 1} of ${plan.steps.length}`;

  if (step.promote) return { kind: "finish", reason: `Finished: ${stepLabel} promoted the release` };
  if (elapsed < bakeMs) {
    const left = Math.ceil((bakeMs - elapsed) / 60_000);
    return { kind: "wait", waitingFor: `Baking ${stepLabel}: ${left} min left` };
  }

  const unhealthy = verdicts.flatMap((cohort) =>
    cohort.metrics.filter((m) => m.state !== "healthy").map((m) => ({ cohort, metric: m })),
  );
  if (unhealthy.length > 0) {
    const worst = unhealthy[0]!;
    const patienceMs = Math.max(step.bakeMinutes * plan.guardrails.patienceBakes, MIN_PATIENCE_MINUTES) * 60_000;
    const waiting = describeWaiting(
      worst.metric,
      nameOf(input, worst.cohort.cohortKey),
      metricOf(input, worst.metric.metricKey),
    );
    if (elapsed >= patienceMs) {
      return {
        kind: "hold",
        reason:
          `Holding: ${nameOf(input, worst.cohort.cohortKey)} is too small to judge ${stepLabel} in ` +
          `${Math.round(patienceMs / 60_000)} min (${waiting}); a person can continue`,
      };
    }
    return { kind: "wait", waitingFor: `Waiting for data: ${waiting}` };
  }

  if (plan.currentStep >= plan.steps.length - 1) {
    return { kind: "finish", reason: `Finished: ${stepLabel} baked ${step.bakeMinutes} min with guardrails healthy` };
  }
  const next = plan.steps[plan.currentStep + 1]!;
  if (next.notBefore !== null && Date.parse(next.notBefore) > now) {
    return { kind: "wait", waitingFor: `Step ${plan.currentStep + 2} not before ${next.notBefore}` };
  }
  if (next.waitForPerson) {
    return { kind: "wait", waitingFor: `Waiting for a person to continue to step ${plan.currentStep + 2}` };
  }
  const judged = verdicts.length;
  const closest = closestToTolerance(verdicts);
  return {
    kind: "advance",
    toStep: plan.currentStep + 1,
    reason:
      `${stepLabel} baked ${Math.round(elapsed / 60_000)} min` +
      (judged > 0 ? `, guardrails healthy in ${judged} cohort${judged === 1 ? "" : "s"}` : ", nothing to judge") +
      (closest ? ` (closest to its tolerance: ${closest})` : "") +
      `; now ${describeTargets(input, plan.currentStep + 1)}`,
  };
}

/** The healthy verdict whose interval comes nearest its tolerance, in words: the reason in numbers. */
function closestToTolerance(verdicts: readonly CohortVerdict[]): string | null {
  let best: { margin: number; words: string } | null = null;
  for (const cohort of verdicts) {
    for (const m of cohort.metrics) {
      const { upper, tolerance } = m.health;
      if (upper === null || !Number.isFinite(upper)) continue;
      const margin = tolerance.value - upper;
      if (!best || margin < best.margin) best = { margin, words: m.words.replace(/^Healthy: /, "") };
    }
  }
  return best?.words ?? null;
}

function describeTargets(input: TickInput, index: number): string {
  const step = input.plan.steps[index]!;
  const table = applyStep(input.served, step, input.plan.stoppedCohorts);
  const keys = Object.keys(step.targets).filter((key) => !input.plan.stoppedCohorts.includes(key));
  return keys.map((key) => `${nameOf(input, key)} ${formatBasisPoints(servedBasisPoints(table, key))}`).join(", ");
}

function nameOf(input: TickInput, key: string): string {
  if (key === EVERYONE_ELSE) return "everyone else";
  return input.cohorts.find((c) => c.key === key)?.name ?? key;
}

function metricOf(input: TickInput, key: string): JudgedMetric | undefined {
  return input.metrics.find((m) => m.key === key);
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function clock(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(11, 16)} UTC`;
}
