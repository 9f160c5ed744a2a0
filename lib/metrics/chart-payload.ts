import { DEFAULT_COHORT_KEY } from "@/lib/domain/evaluate";
import { ValidationError } from "@/lib/errors/domain-errors";
import { MetricsBackendError, type MetricDefinitionView } from "./metric-types";
import type { ChartCohort } from "./release-chart-types";

export const EVERYONE_ELSE: ChartCohort = { key: DEFAULT_COHORT_KEY, name: "Everyone else" };

/** Picks `keys` (null: all) out of `all`, keeping `all`'s order; an unknown key is a 400 naming `field`. */
export function pickByKey<T extends { key: string }>(
  all: readonly T[],
  keys: readonly string[] | null,
  field: string,
): T[] {
  if (keys === null) return [...all];
  const unknown = keys.filter((k) => !all.some((item) => item.key === k));
  if (unknown.length)
    throw ValidationError.field(field, `Unknown ${unknown.length === 1 ? "key" : "keys"}: ${unknown.join(", ")}`);
  return all.filter((item) => keys.includes(item.key));
}

/** Team cohorts in priority order, then everyone else; narrowed to `keys` when given. */
export function chartCohorts(teamCohorts: readonly ChartCohort[], keys: readonly string[] | null): ChartCohort[] {
  return pickByKey([...teamCohorts, EVERYONE_ELSE], keys, "cohorts");
}

/**
 * The message shown on one metric's chart when its read failed. A backend error is written
 * for people: admins get what the backend said, everyone else its summary (a backend such as
 * Prometheus usually sits on an internal network: its answers never reach other members raw).
 * Anything else may carry internals, so it is logged and replaced.
 */
export function metricErrorMessage(definition: MetricDefinitionView, reason: unknown, showDetails = false): string {
  if (reason instanceof MetricsBackendError) return showDetails ? reason.message : reason.summary;
  console.error(`[metrics] reading ${definition.key} failed`, reason);
  return `Could not read ${definition.name}: unexpected error (logged on the server)`;
}

/** One panel per definition, in order: series when its read succeeded, its error when not. */
export function metricPanels<S>(
  definitions: readonly MetricDefinitionView[],
  results: readonly PromiseSettledResult<S[]>[],
  showDetails = false,
): { definition: MetricDefinitionView; error: string | null; series: S[] }[] {
  return definitions.map((definition, i) => {
    const result = results[i];
    if (result?.status === "fulfilled") return { definition, error: null, series: result.value };
    return {
      definition,
      error: metricErrorMessage(definition, result?.reason ?? new Error("no result"), showDetails),
      series: [],
    };
  });
}
