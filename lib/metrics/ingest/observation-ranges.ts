/**
 * Plausible ranges per metric kind. SDK keys are public, so an item is judged as if an
 * attacker wrote it: anything outside these is refused as an item error naming the field. The
 * ranges are wide for real data and keep every product (value × count) far below float64's
 * overflow: the largest item adds at most 1e21 to a sum.
 */
export const OBSERVATION_RANGES = {
  /** Repetitions of one sample, or requests / samples behind a pre-aggregated item (all kinds). */
  count: { min: 1, max: 1e9 },
  /** A latency in the metric's unit (ms, s, µs): 0, or 1e-6 … 1e9. */
  latency: { min: 1e-6, max: 1e9 },
  /** Events in one item of a count metric. */
  events: { min: 0, max: 1e9 },
  /** One sample of a mean metric (an amount, a size), and the mean behind count + sum. */
  mean: { min: -1e12, max: 1e12 },
} as const;

export const within = (value: number, range: { min: number; max: number }) => value >= range.min && value <= range.max;
