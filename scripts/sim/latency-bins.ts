// Latency as counts in fixed log-spaced bins 1% wide (DDSketch's layout), so a minute of a few
// thousand requests costs one Poisson draw per bin instead of one log-normal draw per request.
import { SKETCH_RELATIVE_ACCURACY } from "@/lib/domain/guardrails/quantile-bounds";
import type { Uniform } from "./random";
import { poisson } from "./random";

/** DDSketch's γ: a value in (γ^(k−1), γ^k] is answered as 2γ^k/(γ+1), within 1% of it. */
const GAMMA = (1 + SKETCH_RELATIVE_ACCURACY) / (1 - SKETCH_RELATIVE_ACCURACY);

export type LatencyShape = { medianMs: number; p95Ms: number };
export const LATENCY: LatencyShape = { medianMs: 120, p95Ms: 400 };
const Z95 = 1.6448536269514722;

export type BinLayout = {
  /** Bin 0 is underflow (≤ lowMs), the last is overflow (> highMs); 1..n are the 1% bins. */
  size: number;
  /** The value a quantile in each bin answers: 0 for underflow (nothing known but "low"), +∞ for overflow. */
  values: Float64Array;
  /** Upper edges of bins 0..size−2. */
  edges: Float64Array;
};

/**
 * Bins from just below the median to past p99.9 of the slowest distribution simulated: the
 * guardrail looks at p95 ± its interval, and anything outside answers conservatively (0 or +∞).
 */
export function binLayout(lowMs: number, highMs: number): BinLayout {
  const first = Math.floor(Math.log(lowMs) / Math.log(GAMMA));
  const last = Math.ceil(Math.log(highMs) / Math.log(GAMMA));
  const inner = last - first;
  const size = inner + 2;
  const values = new Float64Array(size);
  const edges = new Float64Array(size - 1);
  edges[0] = GAMMA ** first;
  values[0] = 0;
  for (let i = 1; i <= inner; i++) {
    edges[i] = GAMMA ** (first + i);
    values[i] = (2 * edges[i]!) / (GAMMA + 1);
  }
  values[size - 1] = Number.POSITIVE_INFINITY;
  return { size, values, edges };
}

/** Standard normal CDF, through erfc so the upper tail keeps its relative accuracy. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

function erfc(x: number): number {
  // Numerical Recipes' erfc (Chebyshev fit), relative error < 1.2e-7 everywhere.
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Each bin's probability under a log-normal of that median and p95, latencies multiplied by `factor`. */
export function binProbabilities(layout: BinLayout, shape: LatencyShape, factor = 1): Float64Array {
  const mu = Math.log(shape.medianMs * factor);
  const sigma = Math.log(shape.p95Ms / shape.medianMs) / Z95;
  const cdf = (x: number) => normalCdf((Math.log(x) - mu) / sigma);
  const probabilities = new Float64Array(layout.size);
  let below = 0;
  for (let i = 0; i < layout.size - 1; i++) {
    const at = cdf(layout.edges[i]!);
    probabilities[i] = at - below;
    below = at;
  }
  probabilities[layout.size - 1] = 1 - below;
  return probabilities;
}

/**
 * One minute of one arm: `requests` ~ Poisson(expected) split over the bins. With a Poisson
 * total the bins are independent Poissons (the multinomial split of a Poisson count), so this
 * is exact, not an approximation. Adds into `into`; returns the requests drawn.
 */
export function drawLatencyMinute(
  uniform: Uniform,
  expectedRequests: number,
  probabilities: Float64Array,
  into: Float64Array,
): number {
  if (!(expectedRequests > 0)) return 0;
  let total = 0;
  for (let i = 0; i < probabilities.length; i++) {
    const k = poisson(uniform, expectedRequests * probabilities[i]!);
    if (k > 0) {
      into[i] = into[i]! + k;
      total += k;
    }
  }
  return total;
}

/**
 * The arm's q-quantile as the merged sketch answers it (DDSketch's rank rule: the first bin whose
 * cumulative count passes q·(count − 1)); null when empty. Prefix sums are built once per read.
 */
export function quantileReader(
  layout: BinLayout,
  counts: Float64Array,
): { count: number; quantile: (q: number) => number | null } {
  let prefix: Float64Array | null = null;
  let count = 0;
  for (let i = 0; i < counts.length; i++) count += counts[i]!;
  return {
    count,
    quantile: (q) => {
      if (!(count > 0) || !(q >= 0 && q <= 1)) return null;
      if (!prefix) {
        prefix = new Float64Array(counts.length);
        let running = 0;
        for (let i = 0; i < counts.length; i++) prefix[i] = running += counts[i]!;
      }
      const rank = q * (count - 1);
      let low = 0;
      let high = prefix.length - 1;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (prefix[middle]! > rank) high = middle;
        else low = middle + 1;
      }
      return layout.values[low]!;
    },
  };
}
