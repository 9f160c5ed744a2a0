/** Percentages are stored as integer basis points (1 bp = 0.01%) to avoid float drift. */
export const MAX_BASIS_POINTS = 10_000;

/**
 * Rounds to the nearest basis point and clamps into [0, 10000], because slider and
 * arithmetic noise (e.g. 12.35 * 100 = 1234.9999…) must not produce out-of-range or
 * fractional storage values.
 */
export function percentToBasisPoints(percent: number): number {
  if (!Number.isFinite(percent)) throw new RangeError(`Not a finite percentage: ${percent}`);
  const bp = Math.round(percent * 100);
  return Math.min(MAX_BASIS_POINTS, Math.max(0, bp));
}

export function basisPointsToPercent(bp: number): number {
  return bp / 100;
}

/** Integer bp / 100 prints with the shortest round-trip form, so there are no trailing zeros. */
export function formatBasisPoints(bp: number): string {
  return `${Math.round(bp) / 100}%`;
}

export type PercentInputResult = { ok: true; basisPoints: number } | { ok: false; error: string };

const RANGE_ERROR = "Enter a number between 0 and 100";
// Plain decimals only: exponents, hex, "Infinity" and friends are not something a person
// types into a percentage box, so Number() alone would be too permissive.
const DECIMAL = /^[+-]?(?:\d+(?:\.(\d*))?|\.(\d+))$/;

export function parsePercentInput(text: string): PercentInputResult {
  let s = text.trim();
  if (s.endsWith("%")) s = s.slice(0, -1).trimEnd();
  if (s === "") return { ok: false, error: "Enter a percentage between 0 and 100" };
  const match = DECIMAL.exec(s);
  if (!match) return { ok: false, error: RANGE_ERROR };
  const fraction = (match[1] ?? match[2] ?? "").replace(/0+$/, "");
  const value = Number(s);
  if (value < 0 || value > 100) return { ok: false, error: RANGE_ERROR };
  if (fraction.length > 2) {
    return { ok: false, error: "Use at most 2 decimal places (e.g. 12.25)" };
  }
  return { ok: true, basisPoints: percentToBasisPoints(value) };
}
