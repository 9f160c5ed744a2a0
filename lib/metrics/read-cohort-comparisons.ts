import "server-only";
import { getDb } from "@/lib/db/client";
import { DEFAULT_COHORT_KEY } from "@/lib/domain/evaluate";
import { compareVariants, type VariantComparison } from "@/lib/domain/metric-comparison";
import { metricsBackendFor } from "./backend-for";
import type { MetricDefinitionView, MetricSeriesResult, MetricStat } from "./metric-types";
import { HEALTH_RANGE_MS, HEALTH_STEP_SECONDS, healthStat, type HealthScope } from "./rollout-health";

export type CohortComparison = {
  cohortKey: string;
  metric: MetricDefinitionView;
  stat: MetricStat;
  comparison: VariantComparison;
};

export type CohortComparisons = {
  comparisons: CohortComparison[];
  /** Metrics whose backend could not be read (logged on the server). */
  unavailable: MetricDefinitionView[];
};

/**
 * Treatment against control per cohort × key metric over the team page's window (24 h in hourly
 * steps), the same numbers the team page's health column picks its worst cohort from. A failing
 * backend leaves its metric out, named in `unavailable`.
 */
export async function readCohortComparisons(scope: HealthScope, releaseKey: string): Promise<CohortComparisons> {
  const stepMs = HEALTH_STEP_SECONDS * 1000;
  const to = scope.now;
  const from = Math.floor((to - HEALTH_RANGE_MS) / stepMs) * stepMs + stepMs;
  const cohortKeys = [...scope.cohorts.map((c) => c.key), DEFAULT_COHORT_KEY];
  const perMetric = await Promise.all(
    scope.metrics.map(async (metric) => {
      const stat = healthStat(metric);
      let results: MetricSeriesResult[];
      try {
        results = await metricsBackendFor(metric, scope.team, getDb()).series(
          {
            environmentId: scope.environment.id,
            environmentKey: scope.environment.key,
            releaseKey,
            cohortKeys,
            metric,
          },
          { from, to, stepSeconds: HEALTH_STEP_SECONDS },
        );
      } catch (error) {
        console.error(`[cohort health] reading ${metric.key} for ${releaseKey} failed`, error);
        return null;
      }
      const pointsOf = (cohortKey: string, variant: "treatment" | "control") =>
        results.find((r) => r.cohortKey === cohortKey && r.variant === variant && r.stat === stat)?.points ?? [];
      return cohortKeys.map((cohortKey): CohortComparison => ({
        cohortKey,
        metric,
        stat,
        comparison: compareVariants(metric, pointsOf(cohortKey, "treatment"), pointsOf(cohortKey, "control")),
      }));
    }),
  );
  return {
    comparisons: perMetric.flatMap((list) => list ?? []),
    unavailable: scope.metrics.filter((_, i) => perMetric[i] === null),
  };
}
