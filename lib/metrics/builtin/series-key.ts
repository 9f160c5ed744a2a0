import type { Variant } from "../metric-types";

export type SeriesKey = {
  environmentId: string;
  metricKey: string;
  releaseKey: string;
  cohortKey: string;
  variant: Variant;
};

// NUL never appears in keys (they are slugs), so joining on it is unambiguous.
export function seriesKeyString(key: SeriesKey): string {
  return `${key.environmentId}\u0000${key.metricKey}\u0000${key.releaseKey}\u0000${key.cohortKey}\u0000${key.variant}`;
}
