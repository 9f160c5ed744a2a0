import type { MetricDefinitionView } from "../metric-types";
import type { CellShape } from "../builtin/aggregate-cell";
import type { Observation } from "./observation-schema";
import { OBSERVATION_RANGES as RANGES, within } from "./observation-ranges";

export type FieldError = { field: string; message: string };

export function shapeOf(metric: MetricDefinitionView): CellShape {
  return metric.kind === "latency" ? "latency" : "plain";
}

/**
 * What one observation means for its metric's kind, checked before it touches a cell (ranges
 * in observation-ranges.ts):
 * - latency: one sample `value` (0, or 1e-6 … 1e9), `count` repeats it;
 * - error_rate: one request with `value` 0 or 1, or `count` requests of which `sum` failed;
 * - count: `value` (0 … 1e9) or `count` events;
 * - mean: one sample `value` (±1e12, repeated `count` times), or `count` samples adding up to
 *   `sum` (a mean within ±1e12).
 * `count` is a whole number 1 … 1e9 for every kind (observation-schema.ts).
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
      if (value !== 0 && !within(value, RANGES.latency))
        return { field: "value", message: "must be 0 or between 0.000001 and 1e9 (a latency in the metric's unit)" };
      if (hasSum) return { field: "sum", message: "is not accepted for a latency metric: send samples" };
      return null;
    case "error_rate":
      if (hasValue)
        return value === 0 || value === 1 ? null : { field: "value", message: "must be 0 (success) or 1 (error)" };
      if (count === undefined || !hasSum)
        return { field: "value", message: "is required (0 or 1), or give count and sum (requests and errors)" };
      if (sum < 0 || sum > count)
        return { field: "sum", message: "must be between 0 and count (errors among count requests)" };
      return null;
    case "count":
      if (!hasValue && count === undefined)
        return { field: "value", message: "is required (number of events), or give count" };
      if (hasValue && value < 0) return { field: "value", message: "must be at least 0" };
      if (hasValue && !within(value, RANGES.events))
        return { field: "value", message: "must be at most 1e9 events per item" };
      if (hasSum) return { field: "sum", message: "is not accepted for a count metric" };
      return null;
    case "mean":
      if (hasValue)
        return within(value, RANGES.mean) ? null : { field: "value", message: "must be between -1e12 and 1e12" };
      if (count === undefined || !hasSum) return { field: "value", message: "is required, or give count and sum" };
      if (!within(sum / count, RANGES.mean))
        return { field: "sum", message: "must be a mean (sum / count) between -1e12 and 1e12" };
      return null;
  }
}

/** What a checked observation adds to its cell: a sketch sample, or a count and a sum. */
export type Contribution = { sample: boolean; first: number; second: number };

export function contributionOf(observation: Observation, metric: MetricDefinitionView): Contribution {
  const { value, count, sum } = observation;
  if (metric.kind === "count") {
    const events = value ?? count ?? 0;
    return { sample: false, first: events, second: events };
  }
  if (value !== undefined) {
    const weight = count ?? 1;
    // Only a latency sketch needs the sample itself; other kinds keep count and sum.
    return metric.kind === "latency"
      ? { sample: true, first: value, second: weight }
      : { sample: false, first: weight, second: value * weight };
  }
  return { sample: false, first: count ?? 0, second: sum ?? 0 };
}
