/**
 * What the test exporter publishes: per release, cohort and variant, counters growing at known
 * rates, a histogram with a known shape and a gauge with a known value, so a test can say which
 * numbers must come back through Prometheus. Counters are functions of the time since the exporter
 * started (not of the number of scrapes), so rates hold whatever the scrape jitter, and every
 * series of one scrape grows in proportion: error ratios and quantiles come out exact.
 */
import type { MetricDefinitionView, MetricKind } from "@/lib/metrics/metric-types";

export const TEST_ENVIRONMENT = "production";
export const TEST_RELEASE = "checkout";
/** Published with very different numbers; a query that leaks across releases shows it. */
export const OTHER_RELEASE = "search";
/** A cohort key that breaks out of a PromQL string unless it is escaped. */
export const HOSTILE_COHORT = 'we\\ird"} or vector(1) #';
export const TEST_COHORTS = ["beta", HOSTILE_COHORT, "default"] as const;

/** Upper bounds of the latency histogram, in seconds (+Inf is added). */
export const LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1] as const;
/** Share of requests at or under each bucket bound. */
const FAST = [0.2, 0.6, 0.9, 0.98, 1];
const SLOW = [0.05, 0.2, 0.4, 0.8, 0.97];

export type TestProfile = {
  requestsPerSecond: number;
  errorRatio: number;
  latencyCumulative: readonly number[];
  queueDepth: number;
};

type Key = { release: string; cohort: string; variant: "treatment" | "control" };

export const TEST_PROFILES: ReadonlyArray<Key & TestProfile> = [
  {
    release: TEST_RELEASE,
    cohort: "beta",
    variant: "control",
    requestsPerSecond: 10,
    errorRatio: 0.02,
    latencyCumulative: FAST,
    queueDepth: 3,
  },
  {
    release: TEST_RELEASE,
    cohort: "beta",
    variant: "treatment",
    requestsPerSecond: 5,
    errorRatio: 0.08,
    latencyCumulative: SLOW,
    queueDepth: 7,
  },
  {
    release: TEST_RELEASE,
    cohort: HOSTILE_COHORT,
    variant: "control",
    requestsPerSecond: 4,
    errorRatio: 0.05,
    latencyCumulative: FAST,
    queueDepth: 11,
  },
  {
    release: TEST_RELEASE,
    cohort: HOSTILE_COHORT,
    variant: "treatment",
    requestsPerSecond: 2,
    errorRatio: 0.25,
    latencyCumulative: FAST,
    queueDepth: 13,
  },
  {
    release: TEST_RELEASE,
    cohort: "default",
    variant: "control",
    requestsPerSecond: 20,
    errorRatio: 0.01,
    latencyCumulative: FAST,
    queueDepth: 1,
  },
  {
    release: TEST_RELEASE,
    cohort: "default",
    variant: "treatment",
    requestsPerSecond: 20,
    errorRatio: 0.01,
    latencyCumulative: FAST,
    queueDepth: 2,
  },
  ...(["beta", HOSTILE_COHORT, "default"] as const).flatMap((cohort) =>
    (["treatment", "control"] as const).map((variant) => ({
      release: OTHER_RELEASE,
      cohort,
      variant,
      requestsPerSecond: 100,
      errorRatio: 0.5,
      latencyCumulative: SLOW,
      queueDepth: 99,
    })),
  ),
];

export function testProfile(release: string, cohort: string, variant: "treatment" | "control"): TestProfile {
  const found = TEST_PROFILES.find((p) => p.release === release && p.cohort === cohort && p.variant === variant);
  if (!found) throw new Error(`No test profile for ${release}/${cohort}/${variant}`);
  return found;
}

// The text exposition format escapes label values with \\, \" and \n.
function labelValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

/** The /metrics page `elapsedSeconds` after the exporter started. */
export function renderTestExposition(elapsedSeconds: number): string {
  const lines = [
    "# TYPE glidepath_test_requests_total counter",
    "# TYPE glidepath_test_errors_total counter",
    "# TYPE glidepath_test_latency_seconds histogram",
    "# TYPE glidepath_test_queue_depth gauge",
  ];
  for (const p of TEST_PROFILES) {
    const labels = `environment="${TEST_ENVIRONMENT}",release="${labelValue(p.release)}",cohort="${labelValue(p.cohort)}",variant="${p.variant}"`;
    const requests = p.requestsPerSecond * elapsedSeconds;
    lines.push(`glidepath_test_requests_total{${labels}} ${requests}`);
    lines.push(`glidepath_test_errors_total{${labels}} ${requests * p.errorRatio}`);
    LATENCY_BUCKETS.forEach((bound, i) => {
      lines.push(
        `glidepath_test_latency_seconds_bucket{${labels},le="${bound}"} ${requests * (p.latencyCumulative[i] ?? 1)}`,
      );
    });
    lines.push(`glidepath_test_latency_seconds_bucket{${labels},le="+Inf"} ${requests}`);
    lines.push(`glidepath_test_latency_seconds_sum{${labels}} ${requests * 0.2}`);
    lines.push(`glidepath_test_latency_seconds_count{${labels}} ${requests}`);
    lines.push(`glidepath_test_queue_depth{${labels}} ${p.queueDepth}`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * What Prometheus' histogram_quantile answers for a histogram of this shape: linear interpolation
 * inside the bucket holding the rank, the lower bound of the first bucket being 0, and the
 * highest finite bound when the rank falls in +Inf.
 */
export function expectedQuantile(q: number, cumulative: readonly number[]): number {
  const bounds: readonly number[] = LATENCY_BUCKETS;
  for (let i = 0; i < bounds.length; i++) {
    const count = cumulative[i] ?? 1;
    if (count >= q) {
      const lower = bounds[i - 1] ?? 0;
      const below = cumulative[i - 1] ?? 0;
      return lower + ((bounds[i] ?? 0) - lower) * ((q - below) / (count - below));
    }
  }
  return bounds[bounds.length - 1] ?? 0;
}

const MATCHERS = 'environment="$environment",release="$release",cohort="$cohort",variant="$variant"';

function metric(key: string, kind: MetricKind, query: string, sampleQuery: string | null): MetricDefinitionView {
  return { key, name: key, unit: "", kind, badDirection: "up", source: "prometheus", query, sampleQuery };
}

/** Metric definitions over the exporter's series, as a team would write them. */
export const TEST_METRICS = {
  errorRate: metric(
    "errors",
    "error_rate",
    `sum(rate(glidepath_test_errors_total{${MATCHERS}}[$window])) / sum(rate(glidepath_test_requests_total{${MATCHERS}}[$window]))`,
    `sum(increase(glidepath_test_requests_total{${MATCHERS}}[$window]))`,
  ),
  latency: metric(
    "latency",
    "latency",
    `histogram_quantile($quantile, sum by (le) (rate(glidepath_test_latency_seconds_bucket{${MATCHERS}}[$window])))`,
    `sum(increase(glidepath_test_latency_seconds_count{${MATCHERS}}[$window]))`,
  ),
  requests: metric("requests", "count", `sum(increase(glidepath_test_requests_total{${MATCHERS}}[$window]))`, null),
  queueDepth: metric(
    "queue-depth",
    "mean",
    `avg(avg_over_time(glidepath_test_queue_depth{${MATCHERS}}[$window]))`,
    `sum(count_over_time(glidepath_test_queue_depth{${MATCHERS}}[$window]))`,
  ),
} as const;
