/** 12.5 → "12.5", 100 → "100": at most two decimals, no trailing zeros. */
export function formatPercentNumber(percent: number): string {
  return String(Math.round(percent * 100) / 100);
}
