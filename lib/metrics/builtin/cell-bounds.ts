/**
 * Limits that keep every cell finite whatever arrives. Ingest refuses implausible items
 * (lib/metrics/ingest/observation-ranges.ts), so real data never comes near these; they are
 * the last line: a total saturates instead of overflowing to Infinity, which the store can't
 * hold and which would make every later merge of that row fail.
 */

/** Counts stay exact integers in a float64 up to here. */
export const MAX_CELL_COUNT = Number.MAX_SAFE_INTEGER;

/** Far beyond any plausible total, far below float64's overflow (~1.8e308). */
export const MAX_CELL_SUM = 1e300;

/** `total + delta`, held within ±limit; a NaN delta changes nothing. */
export function addBounded(total: number, delta: number, limit: number): number {
  const next = total + delta;
  if (next > limit) return limit;
  if (next < -limit) return -limit;
  return next === next ? next : total;
}

/** A stored or received number made safe to add to: non-finite becomes 0, the rest is clamped. */
export function bounded(value: number, limit: number): number {
  if (!Number.isFinite(value)) return value === Infinity ? limit : value === -Infinity ? -limit : 0;
  return Math.max(-limit, Math.min(limit, value));
}
