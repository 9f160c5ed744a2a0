import type { BadDirection, MetricKind, MetricSource } from "@/lib/metrics/metric-types";

// Words for the page and forms; the stored values stay the contract's identifiers.

export const KIND_LABELS: Record<MetricKind, string> = {
  error_rate: "Error rate",
  latency: "Latency",
  count: "Count",
  mean: "Mean",
};

export const KIND_HINTS: Record<MetricKind, string> = {
  error_rate:
    "Errors per request: send value 1 for a failed request and 0 for a good one (or count = requests, sum = errors).",
  latency: "A distribution: charts show p50, p95 and p99 of the values sent.",
  count: "How often something happens: one observation per event, or count: n for n events.",
  mean: "The average of the values sent (order value, items in cart).",
};

export const SOURCE_LABELS: Record<MetricSource, string> = {
  builtin: "Built-in",
  prometheus: "Prometheus",
};

export const BAD_DIRECTION_LABELS: Record<BadDirection, string> = {
  up: "Higher is worse",
  down: "Lower is worse",
};
