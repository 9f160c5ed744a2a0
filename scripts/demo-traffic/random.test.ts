import { describe, expect, it } from "vitest";
import { createRandom, logNormalParameters } from "./random";

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(q * (sorted.length - 1))]!;
}

describe("seeded distributions", () => {
  it("repeats exactly for the same seed", () => {
    const a = createRandom(7);
    const b = createRandom(7);
    expect(Array.from({ length: 5 }, () => a.logNormal({ median: 100, p95: 300 }))).toEqual(
      Array.from({ length: 5 }, () => b.logNormal({ median: 100, p95: 300 })),
    );
  });

  it("draws log-normal latencies with the requested median and p95", () => {
    const random = createRandom(1);
    const samples = Array.from({ length: 40_000 }, () => random.logNormal({ median: 170, p95: 450 }));
    expect(quantile(samples, 0.5)).toBeCloseTo(170, -1);
    expect(Math.abs(quantile(samples, 0.95) - 450)).toBeLessThan(15);
    expect(Math.min(...samples)).toBeGreaterThan(0);
  });

  it("refuses a shape whose p95 is not above its median", () => {
    expect(() => logNormalParameters({ median: 100, p95: 100 })).toThrow(/median < p95/);
  });

  it("gives Poisson and binomial counts with the right means, small and large", () => {
    const random = createRandom(3);
    const mean = (draw: () => number, n = 20_000) => Array.from({ length: n }, draw).reduce((a, b) => a + b, 0) / n;
    expect(mean(() => random.poisson(2))).toBeCloseTo(2, 1);
    expect(mean(() => random.poisson(400), 2_000)).toBeCloseTo(400, -1);
    expect(mean(() => random.binomial(10, 0.3))).toBeCloseTo(3, 1);
    expect(mean(() => random.binomial(5_000, 0.004), 2_000)).toBeCloseTo(20, 0);
    expect(mean(() => random.binomial(5_000, 0.4), 2_000) / 2_000).toBeCloseTo(1, 2);
    expect(random.binomial(0, 0.5)).toBe(0);
    expect(random.binomial(7, 1)).toBe(7);
    expect(random.poisson(0)).toBe(0);
  });
});
