import { describe, expect, it } from "vitest";
import type { MetricDefinitionView, MetricKind, MetricSource } from "../metric-types";
import { guardrailSupport } from "./guardrail-support";

function metric(kind: MetricKind, source: MetricSource, sampleQuery: string | null = null): MetricDefinitionView {
  return { key: "m", name: "M", unit: "", kind, badDirection: "up", source, query: "q", sampleQuery };
}

describe("guardrailSupport", () => {
  it("takes built-in error rates, latencies and counts", () => {
    for (const kind of ["error_rate", "latency", "count"] as const)
      expect(guardrailSupport(metric(kind, "builtin"))).toEqual({ ok: true });
  });

  it("refuses a mean from any source: no variance is stored", () => {
    for (const source of ["builtin", "prometheus"] as const)
      expect(guardrailSupport(metric("mean", source))).toMatchObject({
        ok: false,
        why: expect.stringMatching(/variance/),
      });
  });

  it("refuses a Prometheus latency (no sketch to merge) and a Prometheus error rate without a sample query", () => {
    expect(guardrailSupport(metric("latency", "prometheus", "n"))).toMatchObject({ ok: false });
    expect(guardrailSupport(metric("error_rate", "prometheus"))).toMatchObject({
      ok: false,
      why: expect.stringMatching(/sample query/),
    });
    expect(guardrailSupport(metric("error_rate", "prometheus", "sum(requests)"))).toEqual({ ok: true });
    expect(guardrailSupport(metric("count", "prometheus"))).toEqual({ ok: true });
  });
});
