import type { MetricDefinitionView } from "../metric-types";

export type GuardrailSupport = { ok: true } | { ok: false; why: string };

/**
 * Whether a metric can guard a rollout plan: what the comparison needs must be readable
 * cumulatively since the plan started. Pure, so the plan editor can use it to refuse a metric
 * as well as the reader to skip one.
 */
export function guardrailSupport(metric: MetricDefinitionView): GuardrailSupport {
  if (metric.kind === "mean")
    return { ok: false, why: "A mean can't guard a rollout: the store keeps no variance to compare it with" };
  if (metric.source !== "prometheus") return { ok: true };
  if (metric.kind === "latency")
    return {
      ok: false,
      why: "A Prometheus latency can't guard a rollout: Prometheus answers quantiles, not a distribution to merge; send the latency to Glidepath's own store",
    };
  // The error rate alone says nothing of how many requests stand behind it.
  if (metric.kind === "error_rate" && !metric.sampleQuery?.trim())
    return {
      ok: false,
      why: "A Prometheus error rate needs a sample query (the number of requests) to guard a rollout",
    };
  return { ok: true };
}
