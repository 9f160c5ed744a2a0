/** Resolutions the built-in store writes at ingest, in seconds. */
export const STORE_RESOLUTIONS = [60, 300, 3600, 86400] as const;

export const MAX_POINTS = 500;

/**
 * What a chart draws at most. Minute points over six hours are mostly noise (a few events per
 * point swing the line), so charts aim lower than the store could answer: 1 h → 1-minute
 * steps, 6 h → 5 minutes, 24 h → 15 minutes, 7 d → 1 hour.
 */
export const CHART_POINTS = 200;

// Each step is a store resolution or a small multiple of one, so a point reads at most a few
// rows; the list is what a person reading a chart expects to see as an interval.
const STEPS = [60, 300, 900, 3600, 3 * 3600, 6 * 3600, 86400, 7 * 86400] as const;

/** The finest step that keeps a series at or under `maxPoints` points for this range. */
export function chooseStep(rangeMs: number, maxPoints: number = MAX_POINTS): number {
  const seconds = Math.max(rangeMs / 1000, 0);
  for (const step of STEPS) {
    if (Math.ceil(seconds / step) <= maxPoints) return step;
  }
  return Math.ceil(seconds / maxPoints / 86400) * 86400;
}

/** The step a chart of this range is drawn in (release page, embeds). */
export function chartStep(rangeMs: number): number {
  return chooseStep(rangeMs, CHART_POINTS);
}

/** "5-minute steps", "1-hour steps": said on every chart, so a reader knows what a point is. */
export function stepWords(stepSeconds: number): string {
  if (stepSeconds % 86_400 === 0) return `${stepSeconds / 86_400}-day steps`;
  if (stepSeconds % 3600 === 0) return `${stepSeconds / 3600}-hour steps`;
  return `${Math.round(stepSeconds / 60)}-minute steps`;
}

/** The coarsest store resolution that divides the step: fewest rows read per point. */
export function resolutionFor(stepSeconds: number): number {
  let best: number = STORE_RESOLUTIONS[0];
  for (const resolution of STORE_RESOLUTIONS) {
    if (stepSeconds % resolution === 0) best = resolution;
  }
  return best;
}

/** Named ranges of the range picker, in ms. */
export const NAMED_RANGES = { "1h": 3_600_000, "6h": 21_600_000, "24h": 86_400_000, "7d": 604_800_000 } as const;
export type NamedRange = keyof typeof NAMED_RANGES;
