import type {
  GuardrailMetricKind,
  GuardrailState,
  GuardrailVerdict,
  Tolerance,
} from "@/lib/domain/guardrails/guardrail-types";

type Metric = { name: string; kind: GuardrailMetricKind };

const SAMPLE_NOUNS: Record<GuardrailMetricKind, string> = {
  error_rate: "requests",
  latency: "observations",
  count: "exposed users",
};

/** A harm or a tolerance in its units: "+1.9 pp" for an absolute difference of rates, "+12%" for a relative one. */
export function formatHarm(value: number, tolerance: Tolerance["kind"]): string {
  const sign = value > 0 ? "+" : value < 0 ? "−" : "±";
  const magnitude = Math.abs(value) * 100;
  const digits = magnitude >= 10 ? 0 : 1;
  return `${sign}${magnitude.toFixed(digits)}${tolerance === "absolute" ? " pp" : "%"}`;
}

function formatBound(value: number, tolerance: Tolerance["kind"]): string {
  const magnitude = value * 100;
  const digits = Math.abs(magnitude) >= 10 ? 0 : 1;
  return `${magnitude.toFixed(digits).replace("-", "−")}${tolerance === "absolute" ? "" : "%"}`;
}

/** "error rate +1.9 pp (0.8 to 3.0)": the estimate with its interval. */
export function describeDifference(verdict: GuardrailVerdict, metric: Metric): string {
  if (verdict.estimate === null) return metric.name;
  const kind = verdict.tolerance.kind;
  const interval =
    verdict.lower !== null && verdict.upper !== null
      ? ` (${formatBound(verdict.lower, kind)} to ${formatBound(verdict.upper, kind)})`
      : "";
  return `${metric.name} ${formatHarm(verdict.estimate, kind)}${interval}`;
}

/** What a cohort × metric tile says, in words. */
export function describeVerdict(
  state: GuardrailState,
  verdict: GuardrailVerdict,
  health: GuardrailVerdict,
  metric: Metric,
  cohortName: string,
): string {
  switch (state) {
    case "breach":
      return `${describeDifference(verdict, metric)} in ${cohortName}, tolerance ${formatHarm(verdict.tolerance.value, verdict.tolerance.kind)}`;
    case "healthy":
      return `Healthy: ${describeDifference(health, metric)} in ${cohortName}`;
    case "inconclusive":
      return `Not yet sure: ${describeDifference(health, metric)} in ${cohortName}`;
    case "waiting":
      return `Waiting for data: ${describeWaiting({ health }, cohortName, metric)}`;
  }
}

/** "840 of ~2,000 requests in Mobile app users (error rate)". */
export function describeWaiting(
  verdict: { health: GuardrailVerdict },
  cohortName: string,
  metric: Metric | undefined,
): string {
  const { samples, needed } = verdict.health;
  const noun = metric ? SAMPLE_NOUNS[metric.kind] : "samples";
  const have = samples.treatment.toLocaleString("en-US");
  const want = needed === null ? "" : ` of ~${roundNeeded(needed).toLocaleString("en-US")}`;
  return `${have}${want} ${noun} in ${cohortName}${metric ? ` (${metric.name})` : ""}`;
}

function roundNeeded(n: number): number {
  if (n < 100) return Math.ceil(n);
  const scale = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.ceil(n / scale) * scale;
}
