import type { ReleaseChartData } from "@/lib/metrics/release-chart-types";

/**
 * Whether a cohort has anything to draw in the range: a metric value or an evaluation. An
 * embed that doesn't pin its cohorts shows only these, so a wiki page isn't a wall of empty
 * "no data" panels for cohorts this release doesn't reach.
 */
export function cohortHasData(data: Pick<ReleaseChartData, "metrics" | "exposures">, cohortKey: string): boolean {
  const metric = data.metrics.some((panel) =>
    panel.series.some((s) => s.cohortKey === cohortKey && s.points.some((p) => p.value !== null)),
  );
  return (
    metric || data.exposures.series.some((s) => s.cohortKey === cohortKey && s.points.some((p) => p.evaluations > 0))
  );
}

/** The chart data narrowed to the cohorts with data, and how many were left out. */
export function withCohortsThatHaveData(data: ReleaseChartData): { data: ReleaseChartData; leftOut: number } {
  const cohorts = data.cohorts.filter((c) => cohortHasData(data, c.key));
  return { data: { ...data, cohorts }, leftOut: data.cohorts.length - cohorts.length };
}
