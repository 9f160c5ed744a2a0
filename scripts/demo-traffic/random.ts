import { seededRandom } from "../../lib/domain/seeded-random";

/** A seeded source of the few distributions the simulation needs. */
export type Random = {
  /** Uniform in [0, 1). */
  next: () => number;
  int: (maxExclusive: number) => number;
  pick: <T>(items: readonly T[]) => T;
  chance: (p: number) => boolean;
  /** Normal(0, 1). */
  gaussian: () => number;
  /** Log-normal with the given median and 95th percentile. */
  logNormal: (shape: LogNormal) => number;
  poisson: (mean: number) => number;
  binomial: (trials: number, p: number) => number;
};

/** A log-normal described by what people quote: its median and its p95. */
export type LogNormal = { median: number; p95: number };

const Z95 = 1.6448536269514722;

export function logNormalParameters({ median, p95 }: LogNormal): { mu: number; sigma: number } {
  if (!(median > 0) || !(p95 > median)) throw new Error(`log-normal needs 0 < median < p95, got ${median} and ${p95}`);
  return { mu: Math.log(median), sigma: Math.log(p95 / median) / Z95 };
}

export function createRandom(seed: number): Random {
  const next = seededRandom(seed);
  let spare: number | null = null;
  const gaussian = () => {
    if (spare !== null) {
      const value = spare;
      spare = null;
      return value;
    }
    // Box–Muller; 1 - next() keeps the logarithm away from 0.
    const radius = Math.sqrt(-2 * Math.log(1 - next()));
    const angle = 2 * Math.PI * next();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
  const poisson = (mean: number): number => {
    if (mean <= 0) return 0;
    // Knuth's method is exact but linear in the mean; large means are close enough to normal.
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian()));
    const limit = Math.exp(-mean);
    let k = 0;
    let product = next();
    while (product > limit) {
      k++;
      product *= next();
    }
    return k;
  };
  const binomial = (trials: number, p: number): number => {
    if (trials <= 0 || p <= 0) return 0;
    if (p >= 1) return trials;
    if (trials <= 40) {
      let successes = 0;
      for (let i = 0; i < trials; i++) if (next() < p) successes++;
      return successes;
    }
    // Rare events in many trials are Poisson; otherwise the normal approximation holds.
    const mean = trials * p;
    if (mean < 30) return Math.min(trials, poisson(mean));
    return Math.min(trials, Math.max(0, Math.round(mean + Math.sqrt(mean * (1 - p)) * gaussian())));
  };
  return {
    next,
    int: (maxExclusive) => Math.floor(next() * maxExclusive),
    pick: (items) => {
      if (items.length === 0) throw new Error("pick from an empty list");
      return items[Math.floor(next() * items.length)]!;
    },
    chance: (p) => next() < p,
    gaussian,
    logNormal: (shape) => {
      const { mu, sigma } = logNormalParameters(shape);
      return Math.exp(mu + sigma * gaussian());
    },
    poisson,
    binomial,
  };
}
