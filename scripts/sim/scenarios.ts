// The scenarios: one plan shape for all, and what is wrong with the treatment (or the metrics
// backend) in each. A variant is one database ticked by one controller.
import type { PlanDefinitionInput } from "@/lib/plans/plan-schemas";
import { cohortKey } from "./names";
import { COHORT_COUNT, METRIC_KEYS, type Harm } from "./traffic";

export const SCENARIO_NAMES = ["aa", "errors", "latency", "outage", "srm"] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export type Variant = {
  id: string;
  scenario: ScenarioName;
  title: string;
  runs: number;
  plan: PlanDefinitionInput;
  /** The harm of run r (its cohort varies with r), or null: treatment is control. */
  harm: ((run: number) => Harm) | null;
  /** Chance that one plan's metrics read fails at one tick. */
  failure: number;
  maxMinutes: number;
  /** Stop once no plan is running (held ones wait for a person), rather than once none is live. */
  stopWhenNoneRunning: boolean;
  /** Subscribe a webhook to plan.backend_unreachable, so its delivery is queued. */
  webhook: boolean;
};

export const STEP_PERCENTAGES = [5, 10, 25, 50];
export const BAKE_MINUTES = 10;

export type PlanTuning = { checkoutsTolerance: number; patienceBakes: number };

/** The plan as the brief asks for it: checkouts −10%, a step holds after 3 bakes (30 min) without enough data. */
export const AS_SPECIFIED: PlanTuning = { checkoutsTolerance: 0.1, patienceBakes: 3 };
/**
 * What every scenario runs. At 5% of a cohort (60 new users a minute, 1.8 checkouts) a −10%
 * checkouts guardrail needs ~60,000 treatment users in each of the twenty cohorts before all
 * are called healthy: 16 h and more at the first step (see the A/A "as specified" rows). At
 * −30% the slowest of twenty cohorts gets there in about 2–3 h; patience 30 bakes (300 min) lets
 * it, so healthy plans finish instead of asking a person. The error budget is not touched.
 */
export const TUNED: PlanTuning = { checkoutsTolerance: 0.3, patienceBakes: 30 };

function everyCohort(basisPoints: number): Record<string, number> {
  return Object.fromEntries(Array.from({ length: COHORT_COUNT }, (_, i) => [cohortKey(i), basisPoints]));
}

/** 5% → 10% → 25% → 50% of every cohort (or `percentages`), 10 min bake each, then promote; three guardrails. */
export function planOf(tuning: PlanTuning, percentages: readonly number[] = STEP_PERCENTAGES): PlanDefinitionInput {
  return {
    steps: [
      ...percentages.map((percent) => ({ targets: everyCohort(percent * 100), bakeMinutes: BAKE_MINUTES })),
      { targets: {}, bakeMinutes: 0, promote: true },
    ],
    guardrails: {
      metrics: [
        { metricKey: METRIC_KEYS.errorRate, tolerance: { kind: "absolute", value: 0.005 } },
        { metricKey: METRIC_KEYS.latency, quantile: 0.95, tolerance: { kind: "relative", value: 0.1 } },
        { metricKey: METRIC_KEYS.checkouts, tolerance: { kind: "relative", value: tuning.checkoutsTolerance } },
      ],
      alpha: 0.01,
      outageAlertMinutes: 15,
      patienceBakes: tuning.patienceBakes,
    },
  };
}

/** Run r's broken cohort: spread over all twenty, so no one cohort's place in the table decides. */
const brokenCohort = (run: number) => run % COHORT_COUNT;

/** Runs per variant for `--runs N`: N A/A runs, 2N/5 for each other scenario (500 → 200, as the brief asks). */
export function runCounts(aaRuns: number) {
  return {
    aa: aaRuns,
    other: Math.max(1, Math.round((aaRuns * 2) / 5)),
    asSpecified: Math.max(1, Math.round(aaRuns / 5)),
  };
}

export function variants(aaRuns: number): Variant[] {
  const runs = runCounts(aaRuns);
  const plan = planOf(TUNED);
  const common = { plan, harm: null, failure: 0, stopWhenNoneRunning: false, webhook: false, runs: runs.other };
  return [
    {
      ...common,
      id: "aa",
      scenario: "aa",
      title: "A/A, tuned plan",
      runs: runs.aa,
      // Held plans wait for a person; the run ends when none is running.
      stopWhenNoneRunning: true,
      maxMinutes: 12 * 60,
    },
    {
      ...common,
      id: "aa-as-specified",
      scenario: "aa",
      title: "A/A, plan as specified (checkouts −10%, patience 3 bakes)",
      runs: runs.asSpecified,
      plan: planOf(AS_SPECIFIED),
      // Held plans are still judged for breaches: keep looking for an hour after they hold.
      maxMinutes: 90,
    },
    {
      ...common,
      id: "errors",
      scenario: "errors",
      title: "Detection: error rate 1% → 2% in one cohort",
      harm: (run) => ({ cohort: brokenCohort(run), errorRate: 0.02 }),
      maxMinutes: 6 * 60,
    },
    {
      ...common,
      id: "latency",
      scenario: "latency",
      title: "Detection: latency ×1.3 in one cohort",
      harm: (run) => ({ cohort: brokenCohort(run), latencyFactor: 1.3 }),
      maxMinutes: 6 * 60,
    },
    {
      ...common,
      id: "outage",
      scenario: "outage",
      title: "Metrics outage: every read fails",
      failure: 1,
      maxMinutes: 30,
      webhook: true,
    },
    {
      ...common,
      id: "outage-intermittent",
      scenario: "outage",
      title: "Metrics outage: 30% of reads fail",
      failure: 0.3,
      maxMinutes: 6 * 60,
      webhook: true,
    },
    {
      ...common,
      id: "srm",
      scenario: "srm",
      title: "Sample ratio mismatch at the 5% step",
      harm: (run) => ({ cohort: brokenCohort(run), exposureFactor: 0.9 }),
      maxMinutes: 4 * 60,
      stopWhenNoneRunning: true,
    },
    {
      ...common,
      id: "srm-50",
      scenario: "srm",
      title: "Sample ratio mismatch, plan starting at 50%",
      plan: planOf(TUNED, [50]),
      harm: (run) => ({ cohort: brokenCohort(run), exposureFactor: 0.9 }),
      maxMinutes: 4 * 60,
      stopWhenNoneRunning: true,
    },
  ];
}
