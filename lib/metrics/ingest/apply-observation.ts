import type { MetricDefinitionView } from "../metric-types";
import type { AggregateCell, CellShape } from "../builtin/aggregate-cell";
import type { Observation } from "./observation-schema";

export type FieldError = { field: string; message: string };

export function shapeOf(metric: MetricDefinitionView): CellShape {
  return metric.kind === "latency" ? "latency" : "plain";
}

/**
 * What one observation means for its metric's kind, checked before it touches a cell:
 * - latency: one sample `value` (≥ 0), `count` repeats it;
 * - error_rate: one request with `value` 0 or 1, or `count` requests of which `sum` failed;
 * - count: `value` (or `count`) events;
 * - mean: one sample `value` (repeated `count` times), or `count` samples adding up to `sum`.
 */
export function checkObservation(observation: Observation, metric: MetricDefinitionView): FieldError | null {
  const { value, count, sum } = observation;
  const hasValue = value !== undefined;
  const hasSum = sum !== undefined;
  if (hasValue && hasSum) return { field: "sum", message: "give either value or count with sum, not both" };
  switch (metric.kind) {
    case "latency":
      if (!hasValue) return { field: "value", message: "is required for a latency metric (one sample)" };
      if (value < 0) return { field: "value", message: "must be at least 0" };
      if (hasSum) return { field: "sum", message: "is not accepted for a latency metric: send samples" };
      return null;
    case "error_rate":
      if (hasValue) return value === 0 || value === 1 ? null : { field: "value", message: "must be 0 (success) or 1 (error)" };
      if (count === undefined || !hasSum) return { field: "value", message: "is required (0 or 1), or give count and sum (requests and errors)" };
      if (sum < 0 || sum > count) return { field: "sum", message: "must be between 0 and count (errors among count requests)" };
      return null;
    case "count":
      if (!hasValue && count === undefined) return { field: "value", message: "is required (number of events), or give count" };
      if (hasValue && value < 0) return { field: "value", message: "must be at least 0" };
      if (hasSum) return { field: "sum", message: "is not accepted for a count metric" };
      return null;
    case "mean":
      if (hasValue) return null;
      if (count === undefined || !hasSum) return { field: "value", message: "is required, or give count and sum" };
      return null;
  }
}

/** Folds a checked observation into its cell. */
export function applyObservation(observation: Observation, metric: MetricDefinitionView, cell: AggregateCell): void {
  const { value, count, sum } = observation;
  if (metric.kind === "count") {
    const events = value ?? count ?? 0;
    cell.addIncrement(events, events);
    return;
  }
  if (value !== undefined) cell.addSample(value, count ?? 1);
  else cell.addIncrement(count ?? 0, sum ?? 0);
}
