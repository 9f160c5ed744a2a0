/**
 * The metrics contract: what a metric is, what a backend answers, and the chart data shape.
 * Built-in store (lib/metrics/builtin) and Prometheus (lib/metrics/prometheus) both implement
 * MetricsBackend; everything above them (chart API, guardrails later) sees only this file.
 */

export const METRIC_KINDS = ["error_rate", "latency", "count", "mean"] as const;
export type MetricKind = (typeof METRIC_KINDS)[number];

export const METRIC_SOURCES = ["builtin", "prometheus"] as const;
export type MetricSource = (typeof METRIC_SOURCES)[number];

export const BAD_DIRECTIONS = ["up", "down"] as const;
export type BadDirection = (typeof BAD_DIRECTIONS)[number];

export const VARIANTS = ["treatment", "control"] as const;
export type Variant = (typeof VARIANTS)[number];

/** Latency metrics answer three statistics; every other kind answers "value". */
export const LATENCY_STATS = ["p50", "p95", "p99"] as const;
export type MetricStat = "value" | (typeof LATENCY_STATS)[number];

export function statsOf(kind: MetricKind): readonly MetricStat[] {
  return kind === "latency" ? LATENCY_STATS : ["value"];
}

/** The store's key for the evaluations the evaluation API counts itself. */
export const EXPOSURE_METRIC_KEY = "$exposure";

export type MetricDefinitionView = {
  key: string;
  name: string;
  unit: string;
  kind: MetricKind;
  badDirection: BadDirection;
  source: MetricSource;
  /** PromQL template (source "prometheus"). */
  query: string | null;
  sampleQuery: string | null;
};

/** Everything that names a set of series: one metric of one release, some cohorts, both variants. */
export type SeriesSelector = {
  environmentId: string;
  environmentKey: string;
  releaseKey: string;
  /** Cohort keys, "default" for everyone else. */
  cohortKeys: readonly string[];
  metric: MetricDefinitionView;
};

/** Epoch milliseconds; `stepSeconds` from chooseStep (lib/metrics/choose-step). */
export type SeriesRange = { from: number; to: number; stepSeconds: number };
export type SummaryWindow = { from: number; to: number };

export type MetricPoint = {
  /** Bucket start, epoch ms. */
  t: number;
  /**
   * error_rate: a fraction 0–1 (errors / requests; shown as %), latency: the stat's value in the
   * metric's unit, count: events in the step, mean: sum / samples.
   */
  value: number | null;
  /** Observations behind the value (requests for an error rate); null when the backend can't tell. */
  samples: number | null;
};

export type MetricSeriesResult = {
  cohortKey: string;
  variant: Variant;
  stat: MetricStat;
  points: MetricPoint[];
};

/**
 * The same series as parallel arrays (index k of each is one point): what the chart API sends.
 * A day of five-minute points for every cohort is tens of thousands of points; as columns they
 * cost no object each on the way from the store to the wire.
 */
export type MetricSeriesColumns = {
  cohortKey: string;
  variant: Variant;
  stat: MetricStat;
  /** Bucket starts, epoch ms, ascending. */
  t: number[];
  values: (number | null)[];
  samples: (number | null)[];
};

export type MetricSummary = {
  cohortKey: string;
  variant: Variant;
  stat: MetricStat;
  value: number | null;
  samples: number | null;
};

export interface MetricsBackend {
  /** One result per cohort × variant × stat; points only where there is data. */
  series(selector: SeriesSelector, range: SeriesRange): Promise<MetricSeriesResult[]>;
  /** The same answer as series(), as columns: the chart path's read. */
  seriesColumns(selector: SeriesSelector, range: SeriesRange): Promise<MetricSeriesColumns[]>;
  /** The whole window in one number per cohort × variant × stat, with its sample count. */
  summary(selector: SeriesSelector, window: SummaryWindow): Promise<MetricSummary[]>;
}

/**
 * A backend that could not answer (down, timed out, refused the query): shown on the panel.
 * `message` may quote what the backend said (its error text, a redirect's target, its
 * address) and is shown to admins only; `summary` — the status and a short reason of ours —
 * is what everyone else sees. Without a summary the message is ours alone and is both.
 */
export class MetricsBackendError extends Error {
  readonly summary: string;
  constructor(message: string, options?: { cause?: unknown; summary?: string }) {
    super(message, options);
    this.name = "MetricsBackendError";
    this.summary = options?.summary ?? message;
  }
}
