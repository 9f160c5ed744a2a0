// PromQL durations are whole numbers of units, largest first ("1h30m", "1m500ms"); Prometheus
// parses the compound form since 2.26 (model.ParseDuration). Years and weeks are left out so the
// text never depends on a calendar convention.
const UNITS = [
  ["d", 86_400_000],
  ["h", 3_600_000],
  ["m", 60_000],
  ["s", 1_000],
  ["ms", 1],
] as const;

/** A PromQL duration for `ms` milliseconds, rounded to the millisecond and at least 1ms (PromQL refuses a zero range). */
export function formatPromqlDuration(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`Not a duration: ${ms}`);
  let rest = Math.max(1, Math.round(ms));
  let out = "";
  for (const [unit, size] of UNITS) {
    const count = Math.floor(rest / size);
    if (count > 0) {
      out += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return out;
}
