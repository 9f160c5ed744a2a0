import type {
  MetricDefinitionView,
  MetricSeriesColumns,
  MetricSeriesResult,
  SeriesRange,
  Variant,
} from "./metric-types";

/**
 * What GET /api/teams/:team/releases/:release/metrics answers: everything the release page's
 * per-cohort charts draw, in one payload. Plain JSON (numbers, strings), so the client can
 * import these types without pulling server code.
 */
export type ReleaseChartData = {
  range: SeriesRange;
  /** Team cohorts in priority order, then { key: "default", name: "Everyone else" }. */
  cohorts: ChartCohort[];
  metrics: MetricPanelData[];
  exposures: ExposureData;
  rollout: RolloutTimeline;
};

/**
 * The same data as the server reads it, every series as parallel arrays: what the chart API
 * encodes (lib/metrics/chart-wire), with no object per point on the way.
 */
export type ReleaseChartColumns = Omit<ReleaseChartData, "metrics" | "exposures"> & {
  metrics: MetricPanelColumns[];
  exposures: { series: ExposureColumns[]; error: string | null };
};

export type MetricPanelColumns = Omit<MetricPanelData, "series"> & { series: MetricSeriesColumns[] };

export type ChartCohort = { key: string; name: string };

/** One metric for every cohort; `error` set (and no series) when its backend could not answer. */
export type MetricPanelData = {
  definition: MetricDefinitionView;
  error: string | null;
  series: MetricSeriesResult[];
};

export type ExposurePoint = { t: number; evaluations: number; users: number | null };

export type ExposureSeries = { cohortKey: string; variant: Variant; points: ExposurePoint[] };

export type ExposureData = { series: ExposureSeries[]; error: string | null };

/** An exposure series as parallel arrays (index k of each is one point). */
export type ExposureColumns = {
  cohortKey: string;
  variant: Variant;
  t: number[];
  evaluations: number[];
  users: (number | null)[];
};

/** Percentages 0–100 per cohort key ("default" included), after status overrides. */
export type PercentByCohort = Record<string, number>;

export type RolloutChangePoint = {
  /** Epoch ms. */
  at: number;
  actorName: string;
  action: string;
  summary: string;
  /** What each cohort got right after this change. */
  percentByCohort: PercentByCohort;
};

export type RolloutTimeline = {
  /** What each cohort got at the start of the range. */
  initial: PercentByCohort;
  /** Changes inside the range, oldest first. */
  changes: RolloutChangePoint[];
};
