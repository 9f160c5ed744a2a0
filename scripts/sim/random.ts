// Exact Poisson and binomial draws on a seeded uniform source, fast enough for millions a second.
import { logGamma } from "../../lib/domain/guardrails/sample-ratio";
import { seededRandom } from "../../lib/domain/seeded-random";

export type Uniform = () => number;

export type Random = {
  uniform: Uniform;
  poisson: (mean: number) => number;
  binomial: (trials: number, p: number) => number;
};

/** One stream per run: the run's seed alone fixes its traffic, whatever else the scenario holds. */
export function randomFor(seed: number, run: number): Random {
  // Mixing run into the seed with a large odd multiplier keeps neighbouring runs' streams unrelated.
  const uniform = seededRandom((Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(run + 1, 0xc2b2ae35)) >>> 0);
  return {
    uniform,
    poisson: (mean) => poisson(uniform, mean),
    binomial: (trials, p) => binomial(uniform, trials, p),
  };
}

/** Poisson(mean): inversion below 10, Hörmann's PTRS transformed rejection above (as numpy draws it). */
export function poisson(uniform: Uniform, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean < 10) {
    let k = 0;
    let p = Math.exp(-mean);
    let cumulative = p;
    const u = uniform();
    while (u > cumulative && k < 1000) {
      k += 1;
      p *= mean / k;
      cumulative += p;
    }
    return k;
  }
  const slam = Math.sqrt(mean);
  const logMean = Math.log(mean);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const logInvAlpha = Math.log(1.1239 + 1.1328 / (b - 3.4));
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = uniform() - 0.5;
    const v = uniform();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + logInvAlpha - Math.log(a / (us * us) + b) <= -mean + k * logMean - logGamma(k + 1)) return k;
  }
}

/**
 * Binomial(trials, p) by inversion from 0, exact and O(trials·p): errors per arm per minute are
 * at most a few hundred. Past that (never in these scenarios) a normal draw stands in.
 */
export function binomial(uniform: Uniform, trials: number, p: number): number {
  if (trials <= 0 || p <= 0) return 0;
  if (p >= 1) return trials;
  if (p > 0.5) return trials - binomial(uniform, trials, 1 - p);
  const mean = trials * p;
  if (mean > 500) {
    const z = Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
    return Math.min(trials, Math.max(0, Math.round(mean + z * Math.sqrt(mean * (1 - p)))));
  }
  const ratio = p / (1 - p);
  let k = 0;
  let probability = Math.exp(trials * Math.log1p(-p));
  let cumulative = probability;
  const u = uniform();
  while (u > cumulative && k < trials) {
    probability *= (ratio * (trials - k)) / (k + 1);
    k += 1;
    cumulative += probability;
  }
  return k;
}
