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

export function parseSeriesKey(text: string): SeriesKey {
  const [environmentId = "", metricKey = "", releaseKey = "", cohortKey = "", variant = "control"] =
    text.split("\u0000");
  return {
    environmentId,
    metricKey,
    releaseKey,
    cohortKey,
    variant: variant === "treatment" ? "treatment" : "control",
  };
}
