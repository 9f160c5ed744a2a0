/**
 * MetricsBackend over a team's Prometheus: each metric's PromQL template (promql-template.ts) is
 * run once per cohort × variant × stat, plus once per cohort × variant for its sample query.
 *
 * - A template should aggregate to one series (`sum(...)`); when it returns several, the first
 *   one Prometheus lists is used, and none means no data.
 * - series(): a point stands for the bucket [t, t + step), like the built-in store's buckets:
 *   Prometheus evaluates at each bucket's end with $window = the step (at least 1m, so a rate
 *   always spans a few scrapes), and the point is reported at the bucket's start. The bucket in
 *   progress is included, evaluated at its (future) end over the samples so far.
 * - summary(): one instant query at the window's end with $window = the window's length.
 * - NaN and ±Inf (0/0 error rates, empty histograms) come back as null values. With a sample
 *   query, a cohort × variant it finds nothing for has 0 samples; without one, samples are null.
 */
import "server-only";
import {
  LATENCY_STATS,
  MetricsBackendError,
  statsOf,
  type MetricPoint,
  type MetricSeriesColumns,
  type MetricSeriesResult,
  type MetricStat,
  type MetricSummary,
  type MetricsBackend,
  type SeriesRange,
  type SeriesSelector,
  type SummaryWindow,
  type Variant,
  VARIANTS,
} from "../metric-types";
import { columnsOfPoints } from "../chart-columns";
import { mapWithConcurrency } from "./map-with-concurrency";
import { formatPromqlDuration } from "./promql-duration";
import { renderPromqlTemplate } from "./promql-template";
import {
  queryPrometheusApi,
  type PrometheusConnection,
  type PrometheusData,
  type PrometheusSample,
} from "./prometheus-http";

export type PrometheusBackendOptions = {
  /** Base URL of the Prometheus HTTP API (may include a path prefix, e.g. behind a proxy). */
  url: string;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string | null;
  fetch?: typeof fetch;
  /** Per request; default 5 s. */
  timeoutMs?: number;
};

export const PROMETHEUS_DEFAULT_TIMEOUT_MS = 5_000;
/** Queries in flight at once per series()/summary() call: enough to be quick, few enough to be polite. */
export const PROMETHEUS_CONCURRENCY = 6;
const MIN_SERIES_WINDOW_MS = 60_000;

const QUANTILE_OF: Record<(typeof LATENCY_STATS)[number], string> = { p50: "0.5", p95: "0.95", p99: "0.99" };

type Job = { cohortKey: string; variant: Variant; stat: MetricStat | "samples"; query: string };

function templatesOf(selector: SeriesSelector): { query: string; sampleQuery: string | null } {
  const { metric } = selector;
  if (metric.source !== "prometheus" || !metric.query?.trim()) {
    throw new MetricsBackendError(`Metric "${metric.key}" has no PromQL query`);
  }
  return { query: metric.query, sampleQuery: metric.sampleQuery?.trim() ? metric.sampleQuery : null };
}

// One query per cohort × variant × stat, and one sample query per cohort × variant.
function jobsFor(selector: SeriesSelector, window: string): Job[] {
  const { query, sampleQuery } = templatesOf(selector);
  const render = (template: string, cohortKey: string, variant: Variant, quantile?: string) => {
    try {
      return renderPromqlTemplate(template, {
        environment: selector.environmentKey,
        release: selector.releaseKey,
        cohort: cohortKey,
        variant,
        window,
        quantile,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new MetricsBackendError(`Metric "${selector.metric.key}": ${message}`, { cause: error });
    }
  };
  const jobs: Job[] = [];
  for (const cohortKey of selector.cohortKeys) {
    for (const variant of VARIANTS) {
      for (const stat of statsOf(selector.metric.kind)) {
        const quantile = stat === "value" ? undefined : QUANTILE_OF[stat];
        jobs.push({ cohortKey, variant, stat, query: render(query, cohortKey, variant, quantile) });
      }
      if (sampleQuery)
        jobs.push({ cohortKey, variant, stat: "samples", query: render(sampleQuery, cohortKey, variant) });
    }
  }
  return jobs;
}

function numberOf(sample: PrometheusSample): number | null {
  const value = Number(sample[1]);
  return Number.isFinite(value) ? value : null;
}

function samplesOf(value: number | null): number | null {
  // increase() extrapolates to the window's edges, so counts arrive with fractions.
  return value === null ? null : Math.max(0, Math.round(value));
}

function firstMatrixSeries(data: PrometheusData): PrometheusSample[] {
  if (data.resultType !== "matrix")
    throw new MetricsBackendError(`Prometheus answered a ${data.resultType} to a range query`);
  return data.result[0]?.values ?? [];
}

function instantValue(data: PrometheusData): number | null | undefined {
  switch (data.resultType) {
    case "vector":
      return data.result[0]?.value ? numberOf(data.result[0].value) : undefined;
    case "scalar":
      return numberOf(data.result);
    default:
      throw new MetricsBackendError(
        `The query returns a ${data.resultType === "matrix" ? "range vector" : "string"}; wrap it in a function such as rate() or sum()`,
      );
  }
}

const keyOf = (cohortKey: string, variant: Variant) => `${variant}\u0000${cohortKey}`;

export function createPrometheusBackend(options: PrometheusBackendOptions): MetricsBackend {
  const connection: PrometheusConnection = {
    url: options.url,
    token: options.token,
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: options.timeoutMs ?? PROMETHEUS_DEFAULT_TIMEOUT_MS,
  };

  const backend: MetricsBackend = {
    async series(selector: SeriesSelector, range: SeriesRange): Promise<MetricSeriesResult[]> {
      const stepMs = Math.round(range.stepSeconds * 1000);
      if (!(stepMs >= 1000) || stepMs % 1000 !== 0)
        throw new MetricsBackendError(`Step must be a whole number of seconds, got ${range.stepSeconds}`);
      if (!(range.to > range.from)) throw new MetricsBackendError("The range must end after it starts");
      const firstBucket = Math.floor(range.from / stepMs) * stepMs;
      const lastBucket = Math.ceil(range.to / stepMs) * stepMs - stepMs;
      const params = {
        start: String((firstBucket + stepMs) / 1000),
        end: String((lastBucket + stepMs) / 1000),
        step: String(stepMs / 1000),
      };
      const jobs = jobsFor(selector, formatPromqlDuration(Math.max(stepMs, MIN_SERIES_WINDOW_MS)));
      const answers = await mapWithConcurrency(jobs, PROMETHEUS_CONCURRENCY, async (job) => ({
        job,
        values: firstMatrixSeries(
          await queryPrometheusApi(connection, "/api/v1/query_range", { query: job.query, ...params }),
        ),
      }));
      // The point of each evaluation is the bucket that ends there.
      const bucketStart = (sample: PrometheusSample) => Math.round(sample[0] * 1000) - stepMs;

      const samplesByKey = new Map<string, Map<number, number | null>>();
      for (const { job, values } of answers) {
        if (job.stat === "samples") {
          samplesByKey.set(
            keyOf(job.cohortKey, job.variant),
            new Map(values.map((s) => [bucketStart(s), samplesOf(numberOf(s))])),
          );
        }
      }
      const results: MetricSeriesResult[] = [];
      for (const { job, values } of answers) {
        if (job.stat === "samples") continue;
        const samples = samplesByKey.get(keyOf(job.cohortKey, job.variant));
        const points: MetricPoint[] = values.map((sample) => {
          const t = bucketStart(sample);
          return { t, value: numberOf(sample), samples: samples ? (samples.get(t) ?? 0) : null };
        });
        results.push({ cohortKey: job.cohortKey, variant: job.variant, stat: job.stat, points });
      }
      return results;
    },

    async summary(selector: SeriesSelector, window: SummaryWindow): Promise<MetricSummary[]> {
      if (!(window.to > window.from)) throw new MetricsBackendError("The summary window must end after it starts");
      const jobs = jobsFor(selector, formatPromqlDuration(window.to - window.from));
      const time = String(window.to / 1000);
      const answers = await mapWithConcurrency(jobs, PROMETHEUS_CONCURRENCY, async (job) => ({
        job,
        value: instantValue(await queryPrometheusApi(connection, "/api/v1/query", { query: job.query, time })),
      }));

      const samplesByKey = new Map<string, number | null>();
      for (const { job, value } of answers) {
        if (job.stat === "samples")
          samplesByKey.set(keyOf(job.cohortKey, job.variant), value === undefined ? 0 : samplesOf(value));
      }
      const hasSampleQuery = samplesByKey.size > 0;
      const results: MetricSummary[] = [];
      for (const { job, value } of answers) {
        if (job.stat === "samples") continue;
        const samples = hasSampleQuery ? (samplesByKey.get(keyOf(job.cohortKey, job.variant)) ?? 0) : null;
        results.push({ cohortKey: job.cohortKey, variant: job.variant, stat: job.stat, value: value ?? null, samples });
      }
      return results;
    },

    async seriesColumns(selector: SeriesSelector, range: SeriesRange): Promise<MetricSeriesColumns[]> {
      return (await backend.series(selector, range)).map(columnsOfPoints);
    },
  };
  return backend;
}
