/** Resolutions the built-in store writes at ingest, in seconds. */
export const STORE_RESOLUTIONS = [60, 300, 3600, 86400] as const;

export const MAX_POINTS = 500;

// Each step is a store resolution or a small multiple of one, so a point reads at most a few
// rows; the list is what a person reading a chart expects to see as an interval.
const STEPS = [60, 300, 900, 3600, 3 * 3600, 6 * 3600, 86400, 7 * 86400] as const;

/** The finest step that keeps a series at or under MAX_POINTS points for this range. */
export function chooseStep(rangeMs: number): number {
  const seconds = Math.max(rangeMs / 1000, 0);
  for (const step of STEPS) {
    if (Math.ceil(seconds / step) <= MAX_POINTS) return step;
  }
  return Math.ceil(seconds / MAX_POINTS / 86400) * 86400;
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
