import type { MetricDefinitionView } from "@/lib/metrics/metric-types";

/** The fields an audit event records for a metric, in one fixed shape for before and after. */
export function metricAuditFields(metric: MetricDefinitionView) {
  return {
    key: metric.key,
    name: metric.name,
    unit: metric.unit,
    kind: metric.kind,
    badDirection: metric.badDirection,
    source: metric.source,
    query: metric.query,
    sampleQuery: metric.sampleQuery,
  };
}
