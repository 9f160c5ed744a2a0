import type { MetricSeriesColumns, MetricSeriesResult } from "./metric-types";
import type { ExposureColumns, ExposureSeries, ReleaseChartColumns, ReleaseChartData } from "./release-chart-types";

/**
 * Between the two shapes of a series: parallel arrays (what the built-in store reads and the
 * wire sends) and one object per point (what team-page health, embeds and the client walk).
 */

/** A series as parallel arrays, for a backend that reads points (Prometheus). */
export function columnsOfPoints({ cohortKey, variant, stat, points }: MetricSeriesResult): MetricSeriesColumns {
  return {
    cohortKey,
    variant,
    stat,
    t: points.map((p) => p.t),
    values: points.map((p) => p.value),
    samples: points.map((p) => p.samples),
  };
}

export function pointsOfColumns({
  cohortKey,
  variant,
  stat,
  t,
  values,
  samples,
}: MetricSeriesColumns): MetricSeriesResult {
  return { cohortKey, variant, stat, points: t.map((at, k) => ({ t: at, value: values[k]!, samples: samples[k]! })) };
}

export function exposureColumnsOf({ cohortKey, variant, points }: ExposureSeries): ExposureColumns {
  return {
    cohortKey,
    variant,
    t: points.map((p) => p.t),
    evaluations: points.map((p) => p.evaluations),
    users: points.map((p) => p.users),
  };
}

export function exposurePointsOf({ cohortKey, variant, t, evaluations, users }: ExposureColumns): ExposureSeries {
  return { cohortKey, variant, points: t.map((at, k) => ({ t: at, evaluations: evaluations[k]!, users: users[k]! })) };
}

export function chartDataOf(columns: ReleaseChartColumns): ReleaseChartData {
  return {
    ...columns,
    metrics: columns.metrics.map((panel) => ({ ...panel, series: panel.series.map(pointsOfColumns) })),
    exposures: { series: columns.exposures.series.map(exposurePointsOf), error: columns.exposures.error },
  };
}

export function chartColumnsOf(data: ReleaseChartData): ReleaseChartColumns {
  return {
    ...data,
    metrics: data.metrics.map((panel) => ({ ...panel, series: panel.series.map(columnsOfPoints) })),
    exposures: { series: data.exposures.series.map(exposureColumnsOf), error: data.exposures.error },
  };
}
