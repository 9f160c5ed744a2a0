import type { ArmData, GuardrailMetricKind } from "@/lib/domain/guardrails/guardrail-types";
import type { AggregateCell } from "../builtin/aggregate-cell";
import type { MetricSummary } from "../metric-types";

/** Distinct users an exposure cell's sketch estimates; 0 without one. */
export function distinctUsers(cell: AggregateCell | undefined): number {
  return cell ? Math.round(cell.toRow().distinct ?? 0) : 0;
}

/**
 * One arm from the built-in store's cell merged over the window: requests and errors are the
 * cell's count and sum (error rate), events its sum (count), the distribution its sketch
 * (latency). `exposedUsers` comes from the exposure cells of the same cohort and variant.
 */
export function armOfCell(kind: GuardrailMetricKind, cell: AggregateCell | undefined, exposedUsers: number): ArmData {
  switch (kind) {
    case "error_rate":
      return { kind, requests: Math.round(cell?.count ?? 0), errors: Math.round(cell?.sum ?? 0) };
    case "count":
      return { kind, exposedUsers, events: cell?.sum ?? 0 };
    case "latency":
      return { kind, count: cell?.count ?? 0, quantile: (q) => cell?.quantile(q) ?? null };
  }
}

/**
 * One arm from a summary over the window (Prometheus): an error rate times its sample count
 * gives the errors; a count's value is its events. Latency has no summary form a guardrail
 * can use (guardrail-support.ts).
 */
export function armOfSummary(
  kind: Exclude<GuardrailMetricKind, "latency">,
  summary: MetricSummary | undefined,
  exposedUsers: number,
): ArmData {
  const value = summary?.value ?? null;
  if (kind === "count") return { kind, exposedUsers, events: Math.max(0, value ?? 0) };
  const requests = Math.max(0, Math.round(summary?.samples ?? 0));
  const errors = value === null ? 0 : Math.min(requests, Math.max(0, Math.round(value * requests)));
  return { kind, requests, errors };
}
