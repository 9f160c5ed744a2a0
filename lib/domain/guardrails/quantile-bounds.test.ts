import { DDSketch } from "@datadog/sketches-js";
import { describe, expect, it } from "vitest";
import { seededRandom } from "@/lib/domain/seeded-random";
import {
  cdfHalfWidth,
  cdfMixingVariance,
  compareQuantiles,
  quantileConfidenceSequence,
  type QuantileArm,
} from "./quantile-bounds";

const ALPHA = 0.01 / 60;
const relative = (value: number) => ({ kind: "relative", value }) as const;

/** An arm whose sketch answers the exact quantiles of an exponential distribution of the given mean. */
const exponential = (count: number, mean: number): QuantileArm => ({ count, quantile: (p) => -mean * Math.log(1 - p) });

function lognormalSketch(random: () => number, count: number, median: number): QuantileArm {
  const sketch = new DDSketch({ relativeAccuracy: 0.01 });
  for (let i = 0; i < count; i++) {
    const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    sketch.accept(median * Math.exp(0.8 * z));
  }
  return { count, quantile: (p) => sketch.getValueAtQuantile(p) };
}

describe("quantileConfidenceSequence", () => {
  // References from python3/numpy: u = h(q(1−q)/n, α/2, (0.1·q(1−q))²) + 1/n, bounds
  // Q(q − u)/1.01 and Q(q + u)/0.99 for Q(p) = −100·ln(1 − p).
  it("brackets the p95 of one arm at its share of alpha, widened by the sketch's 1%", () => {
    const cs = quantileConfidenceSequence(exponential(10_000, 100), 0.95, ALPHA / 2, 0.1)!;
    expect(cdfHalfWidth(10_000, 0.95, ALPHA / 2, cdfMixingVariance(0.95, 0.1)) + 1 / 10_000).toBeCloseTo(
      0.010966163598345548,
      14,
    );
    expect(cs.lower).toBeCloseTo(276.97388750674855, 9);
    expect(cs.upper).toBeCloseTo(327.60872817751886, 9);
    expect(cs.lower).toBeLessThan(-100 * Math.log(0.05));
    expect(cs.upper).toBeGreaterThan(-100 * Math.log(0.05));
  });

  it("is unbounded above (null) while q + u_n reaches past the data", () => {
    const cs = quantileConfidenceSequence(exponential(1000, 100), 0.95, ALPHA / 2, 0.1)!;
    expect(cs.lower).toBeCloseTo(223.9238219102767, 9);
    expect(cs.upper).toBeNull();
  });

  it("the CDF bound holds at every look: A/A on the count beyond the true p95", () => {
    // The empirical CDF at the true quantile is Binomial(n, q)/n; the bound may fail at any look
    // in at most α of runs (here α = 0.05, 400 runs of 50 looks).
    const random = seededRandom(95);
    const q = 0.95;
    const tau2 = cdfMixingVariance(q, 0.1);
    let crossed = 0;
    for (let run = 0; run < 400; run++) {
      let n = 0;
      let above = 0;
      for (let look = 0; look < 50; look++) {
        for (let i = 0; i < 200; i++) if (random() >= q) above++;
        n += 200;
        if (Math.abs(1 - above / n - q) >= cdfHalfWidth(n, q, 0.05, tau2)) {
          crossed++;
          break;
        }
      }
    }
    expect(crossed / 400).toBeLessThan(0.05);
  });
});

describe("compareQuantiles", () => {
  const settings = { alpha: ALPHA, tolerance: relative(0.1), badDirection: "up", quantile: 0.95 } as const;

  it("matches the reference: a p95 30% slower, LB_T/UB_C − 1 to UB_T/LB_C − 1", () => {
    const result = compareQuantiles(exponential(20_000, 130), exponential(380_000, 100), settings);
    expect(result.estimate).toBeCloseTo(0.3, 12);
    expect(result.lower).toBeCloseTo(0.2006306774244171, 9);
    expect(result.upper).toBeCloseTo(0.41434060061003897, 9);
  });

  it("with real DDSketches: no difference stays inside, a 30% slower treatment is caught", () => {
    const random = seededRandom(42);
    const control = lognormalSketch(random, 200_000, 120);
    const same = compareQuantiles(lognormalSketch(random, 20_000, 120), control, settings);
    expect(same.lower!).toBeLessThan(0);
    expect(same.upper!).toBeGreaterThan(0);
    const slower = compareQuantiles(lognormalSketch(random, 20_000, 156), control, settings);
    expect(slower.lower!).toBeGreaterThan(0.1);
  });

  it("down mirrors up", () => {
    const upResult = compareQuantiles(exponential(20_000, 130), exponential(380_000, 100), settings);
    const downResult = compareQuantiles(exponential(20_000, 130), exponential(380_000, 100), {
      ...settings,
      badDirection: "down",
    });
    expect(downResult.estimate).toBeCloseTo(-upResult.estimate!, 12);
    expect(downResult.lower).toBeCloseTo(-upResult.upper!, 12);
    expect(downResult.upper).toBeCloseTo(-upResult.lower!, 12);
  });

  it("waits below 100 observations, or below 10 expected beyond the quantile (1000 for a p99)", () => {
    expect(compareQuantiles(exponential(99, 100), exponential(10_000, 100), settings).waiting).toBe(true);
    const p99 = { ...settings, quantile: 0.99 };
    expect(compareQuantiles(exponential(999, 100), exponential(10_000, 100), p99).waiting).toBe(true);
    expect(compareQuantiles(exponential(1000, 100), exponential(10_000, 100), p99).waiting).toBe(false);
  });

  it("needs more samples for a tighter tolerance, and none suffice below the sketch's own 2%", () => {
    const needed = (value: number) =>
      compareQuantiles(exponential(1000, 100), exponential(19_000, 100), { ...settings, tolerance: relative(value) })
        .needed;
    expect(needed(0.1)!).toBeGreaterThan(needed(0.2)!);
    expect(needed(0.05)!).toBeGreaterThan(needed(0.1)!);
    expect(needed(0.015)).toBeNull();
    expect(needed(0)).toBeNull();
    // At the suggested size the interval of two equal arms does clear the tolerance.
    const n = needed(0.1)!;
    expect(compareQuantiles(exponential(n, 100), exponential(19 * n, 100), settings).upper!).toBeLessThanOrEqual(0.1);
  });

  it("a sketch that answers something that is not a latency, or a bad quantile, waits", () => {
    const broken: QuantileArm = { count: 10_000, quantile: () => Number.NaN };
    expect(compareQuantiles(broken, exponential(10_000, 100), settings)).toMatchObject({ waiting: true, needed: null });
    const empty: QuantileArm = { count: 10_000, quantile: () => null };
    expect(compareQuantiles(exponential(10_000, 100), empty, settings).waiting).toBe(true);
    expect(
      compareQuantiles(exponential(10_000, 100), exponential(10_000, 100), { ...settings, quantile: 1.5 }).waiting,
    ).toBe(true);
  });
});
