import { plannedObservation, type PlannedObservation } from "../builtin/metric-buffer";
import type { MetricDefinitionView } from "../metric-types";
import { checkObservation, contributionOf, shapeOf, type FieldError } from "./apply-observation";
import type { Observation } from "./observation-schema";

/**
 * The metric-dependent half of an item's checks (the rest needs only the snapshot): its kind's
 * rules and ranges, then the cell it goes to and what it adds there.
 */
export function planObservation(
  observation: Observation,
  metric: MetricDefinitionView,
  environmentId: string,
  minute: number,
): PlannedObservation | FieldError {
  if (metric.source !== "builtin")
    return { field: "metric", message: `"${metric.key}" is read from Prometheus; send its data there` };
  const problem = checkObservation(observation, metric);
  if (problem) return problem;
  const series = {
    environmentId,
    metricKey: metric.key,
    releaseKey: observation.release,
    cohortKey: observation.cohort,
    variant: observation.variant,
  };
  const { sample, first, second } = contributionOf(observation, metric);
  return plannedObservation(series, shapeOf(metric), minute, sample, first, second);
}

export const isFieldError = (result: PlannedObservation | FieldError): result is FieldError => "field" in result;
