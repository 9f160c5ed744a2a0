import { DEFAULT_COHORT_KEY } from "./evaluate";
import type { GuardrailState, Tolerance } from "./guardrails/guardrail-types";
import { REGRESSION_THRESHOLD, type VariantComparison } from "./metric-comparison";
import { formatHarm } from "./plans/describe-verdict";

/**
 * How one cohort of a release fares in one environment, treatment against control. Where a
 * rollout plan runs, its guardrail verdicts say so; elsewhere the comparison the team page
 * makes (last 24 h). Pure data: `lib/plans/read-cohort-health.ts` fills it in.
 *
 * regressing: treatment is worse than control, and not by chance.
 * not_sure: treatment looks worse but the data can't tell yet.
 * healthy: compared, and no worse than the tolerance.
 * no_data: nothing to compare (no metrics, a cohort at 0% or 100%, too few samples).
 */
export type CohortHealthState = "regressing" | "not_sure" | "healthy" | "no_data";

export type CohortHealth = {
  /** `default` for everyone else. */
  cohortKey: string;
  cohortName: string;
  state: CohortHealthState;
  /** The worst metric in words ("Error rate 5× control"); null when there is nothing to say. */
  words: string | null;
  /** Relative harm of the worst metric (0.2 = 20% worse), for ordering; null: not compared. */
  harm: number | null;
  /** What the verdict is based on: "guardrails" (the plan, since it started) or "last 24 h". */
  basis: "guardrails" | "last 24 h";
};

const RANK: Record<CohortHealthState, number> = { regressing: 0, not_sure: 1, healthy: 2, no_data: 3 };

/** Worst first: regressing, then not sure, healthy, no data; within a state the larger harm first. */
export function sortWorstFirst(cohorts: readonly CohortHealth[]): CohortHealth[] {
  return [...cohorts].sort(
    (a, b) =>
      RANK[a.state] - RANK[b.state] ||
      (b.harm ?? Number.NEGATIVE_INFINITY) - (a.harm ?? Number.NEGATIVE_INFINITY) ||
      a.cohortName.localeCompare(b.cohortName),
  );
}

export function regressingOnly(cohorts: readonly CohortHealth[]): CohortHealth[] {
  return sortWorstFirst(cohorts.filter((c) => c.state === "regressing"));
}

/** "Mobile app users: Error rate 5× control". */
export function describeCohortHealth(health: CohortHealth): string {
  return health.words ? `${health.cohortName}: ${health.words}` : health.cohortName;
}

/** "1 cohort regressing", "2 cohorts regressing"; null when none. */
export function regressionCount(cohorts: readonly CohortHealth[]): string | null {
  const n = cohorts.filter((c) => c.state === "regressing").length;
  return n === 0 ? null : `${n} cohort${n === 1 ? "" : "s"} regressing`;
}

/**
 * How much worse treatment is, in words a release manager reads at a glance: "5× control"
 * once it is at least twice as bad, "40% worse than control" below that.
 */
export function describeHarm(metricName: string, harm: number): string {
  if (harm === Number.POSITIVE_INFINITY) return `${metricName} above a control of zero`;
  const times = 1 + harm;
  if (times >= 2) return `${metricName} ${times >= 10 ? Math.round(times) : Math.round(times * 10) / 10}× control`;
  return `${metricName} ${Math.round(harm * 100)}% worse than control`;
}

/** The anchor of a cohort's chart panel on the release page (the strip and the team page link to it). */
export function cohortPanelId(cohortKey: string): string {
  return `cohort-${cohortKey}`;
}

/** The health entries as the approval policy reads them: cohort key → health, regressing ones only. */
export function regressingByKey(cohorts: readonly CohortHealth[]): ReadonlyMap<string, CohortHealth> {
  return new Map(cohorts.filter((c) => c.state === "regressing").map((c) => [c.cohortKey, c]));
}

export const EVERYONE_ELSE_NAME = "Everyone else";

type Served = { defaultBasisPoints: number; cohorts: Record<string, number | null | undefined> };

/** A cohort without its own percentage follows everyone else: what it really serves. */
export function servedTo(p: Served, key: string): number {
  if (key === DEFAULT_COHORT_KEY) return p.defaultBasisPoints;
  return p.cohorts[key] ?? p.defaultBasisPoints;
}

export type RaisedRegression = { health: CohortHealth; was: number; now: number };

/** The regressing cohorts a change raises, worst first: what the confirmations warn about and the policy holds. */
export function raisedWhileRegressing(
  regressing: Iterable<CohortHealth>,
  before: Served,
  after: Served,
): RaisedRegression[] {
  const raised: RaisedRegression[] = [];
  for (const health of regressing) {
    if (health.state !== "regressing") continue;
    const was = servedTo(before, health.cohortKey);
    const now = servedTo(after, health.cohortKey);
    if (now > was) raised.push({ health, was, now });
  }
  const order = sortWorstFirst(raised.map((r) => r.health));
  return order.map((h) => raised.find((r) => r.health === h)!);
}

/** A cohort's name for people; the default cohort is "Everyone else". */
export function cohortLabel(key: string, names: ReadonlyMap<string, string> | undefined): string {
  if (key === DEFAULT_COHORT_KEY) return EVERYONE_ELSE_NAME;
  return names?.get(key) ?? key;
}

/** One key metric's 24 h comparison in one cohort ("Latency p95", its comparison). */
export type MetricComparisonResult = { metricLabel: string; comparison: VariantComparison };

function comparisonState(c: VariantComparison): CohortHealthState {
  if (c.regression) return "regressing";
  if (c.harm === null) return "no_data";
  return c.harm > REGRESSION_THRESHOLD ? "not_sure" : "healthy";
}

/** A cohort's health from the team page's comparison: its worst key metric speaks for it. */
export function healthFromComparisons(
  cohort: { key: string; name: string },
  results: readonly MetricComparisonResult[],
): CohortHealth {
  const ranked = results
    .map((r) => ({ ...r, state: comparisonState(r.comparison) }))
    .sort(
      (a, b) =>
        RANK[a.state] - RANK[b.state] ||
        (b.comparison.harm ?? Number.NEGATIVE_INFINITY) - (a.comparison.harm ?? Number.NEGATIVE_INFINITY),
    );
  const worst = ranked[0];
  if (!worst || worst.state === "no_data")
    return {
      cohortKey: cohort.key,
      cohortName: cohort.name,
      state: "no_data",
      words: null,
      harm: null,
      basis: "last 24 h",
    };
  const harm = worst.comparison.harm!;
  return {
    cohortKey: cohort.key,
    cohortName: cohort.name,
    state: worst.state,
    words:
      worst.state === "healthy"
        ? harm > 0
          ? `${worst.metricLabel} ${Math.round(harm * 100)}% worse, within noise`
          : "no worse than control"
        : describeHarm(worst.metricLabel, harm),
    harm,
    basis: "last 24 h",
  };
}

/** One guardrail's last verdict in one cohort, as the plan's controller stored it. */
export type GuardrailResult = {
  metricLabel: string;
  state: GuardrailState;
  estimate: number | null;
  tolerance: Tolerance;
};

const GUARDRAIL_STATE: Record<GuardrailState, CohortHealthState> = {
  breach: "regressing",
  inconclusive: "not_sure",
  healthy: "healthy",
  waiting: "no_data",
};

/** A cohort's health from the plan's guardrails: the worst verdict speaks for it. */
export function healthFromGuardrails(
  cohort: { key: string; name: string },
  results: readonly GuardrailResult[],
): CohortHealth {
  const ranked = [...results].sort(
    (a, b) =>
      RANK[GUARDRAIL_STATE[a.state]] - RANK[GUARDRAIL_STATE[b.state]] ||
      (b.estimate ?? Number.NEGATIVE_INFINITY) - (a.estimate ?? Number.NEGATIVE_INFINITY),
  );
  const worst = ranked[0];
  const state = worst ? GUARDRAIL_STATE[worst.state] : "no_data";
  const words =
    !worst || worst.estimate === null || state === "no_data"
      ? null
      : `${worst.metricLabel} ${formatHarm(worst.estimate, worst.tolerance.kind)} vs control`;
  return {
    cohortKey: cohort.key,
    cohortName: cohort.name,
    state,
    words: state === "healthy" && words ? `${words}, within tolerance` : words,
    harm: worst?.estimate ?? null,
    basis: "guardrails",
  };
}
