// Small summaries for the report: shares with their counts, nearest-rank quantiles.

/** Nearest-rank quantile (the value at or below which q of the values lie); null when empty. */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** "3 of 500 (0.6%)". */
export function share(count: number, of: number): string {
  const percent = of > 0 ? (100 * count) / of : 0;
  return `${count} of ${of} (${percent.toFixed(percent > 0 && percent < 1 ? 2 : 1)}%)`;
}

export function minutes(value: number | null): string {
  return value === null ? "—" : `${value} min`;
}

/**
 * The one-sided 95% upper bound on a rate from `count` events in `of` trials (Clopper–Pearson,
 * by bisection on the binomial tail): what "0 of 500" can still hide.
 */
export function upperBound95(count: number, of: number): number {
  if (of === 0) return 1;
  if (count >= of) return 1;
  const tail = (p: number) => {
    // P(X ≤ count) for X ~ Binomial(of, p), summed in log space.
    let total = 0;
    let logTerm = of * Math.log1p(-p);
    for (let k = 0; k <= count; k++) {
      total += Math.exp(logTerm);
      logTerm += Math.log((of - k) / (k + 1)) + Math.log(p) - Math.log1p(-p);
    }
    return total;
  };
  let low = count / of;
  let high = 1;
  for (let i = 0; i < 100; i++) {
    const middle = (low + high) / 2;
    if (tail(middle) > 0.05) low = middle;
    else high = middle;
  }
  return high;
}

export function percent(value: number, digits = 1): string {
  return `${(value * 100).toFixed(digits)}%`;
}
