import { describe, expect, it } from "vitest";
import { seededRandom } from "@/lib/domain/seeded-random";
import { ratioRejects } from "./normal-mixture";
import { compareErrorRates, errorRateMoments, type ErrorCounts } from "./proportion-difference";

const ALPHA = 0.01 / 60;
const up = "up" as const;
const absolute = (value: number) => ({ kind: "absolute", value }) as const;
const relative = (value: number) => ({ kind: "relative", value }) as const;

/** Binomial(n, p) by walking the pmf from 0: exact, and quick for the small n·p used here. */
function binomial(random: () => number, n: number, p: number): number {
  const u = random();
  let k = 0;
  let pmf = (1 - p) ** n;
  let cdf = pmf;
  while (u > cdf && k < n) {
    pmf *= ((n - k) / (k + 1)) * (p / (1 - p));
    k++;
    cdf += pmf;
  }
  return k;
}

// 2% against 1% with 5% of the cohort in treatment. References: an independent python3 version
// of the same construction (brentq for the inversion), to 1e-12.
const T: ErrorCounts = { requests: 20_000, errors: 400 };
const C: ErrorCounts = { requests: 380_000, errors: 3_800 };

describe("compareErrorRates: reference values", () => {
  it("absolute: p_T − p_C ± h, wider than the fixed-sample z interval (±0.0038)", () => {
    const result = compareErrorRates(T, C, { alpha: ALPHA, tolerance: absolute(0.005), badDirection: up });
    expect(result.estimate).toBeCloseTo(0.01, 14);
    expect(result.lower).toBeCloseTo(0.0053052791248685924, 12);
    expect(result.upper).toBeCloseTo(0.014694720875131408, 12);
    expect(result.upper! - result.estimate!).toBeGreaterThan(0.0038136902505731185);
  });

  it("relative: p_T/p_C − 1 by inverting the mixture test", () => {
    const result = compareErrorRates(T, C, { alpha: ALPHA, tolerance: relative(0.5), badDirection: up });
    expect(result.estimate).toBeCloseTo(1, 12);
    expect(result.lower).toBeCloseTo(0.51468893262184, 9);
    expect(result.upper).toBeCloseTo(1.5117344767620255, 9);
  });

  it("relative against a control with no errors: bounded below, unbounded above", () => {
    const result = compareErrorRates(
      { requests: 1000, errors: 50 },
      { requests: 19_000, errors: 0 },
      { alpha: ALPHA, tolerance: relative(0.5), badDirection: up },
    );
    expect(result.estimate).toBeNull();
    expect(result.lower).toBeCloseTo(48.25996696232749, 9);
    expect(result.upper).toBeNull();
  });
});

describe("compareErrorRates: behaviour", () => {
  it("detects 1% → 2% (tolerance 0.5 pp) with enough data, not with too little", () => {
    const settings = { alpha: ALPHA, tolerance: absolute(0.005), badDirection: up };
    expect(compareErrorRates(T, C, settings).lower!).toBeGreaterThan(0.005);
    const small = compareErrorRates({ requests: 2000, errors: 40 }, { requests: 38_000, errors: 380 }, settings);
    expect(small.lower!).toBeLessThan(0.005);
    expect(small.upper!).toBeGreaterThan(0.005);
  });

  it("waits below 100 requests per arm, with a sample size to aim for", () => {
    const result = compareErrorRates(
      { requests: 99, errors: 1 },
      { requests: 5000, errors: 50 },
      { alpha: ALPHA, tolerance: absolute(0.005), badDirection: up },
    );
    expect(result).toMatchObject({ waiting: true, estimate: null, lower: null, upper: null });
    expect(result.needed).toBeGreaterThan(1000);
  });

  it("zero errors: the floor keeps the variance off zero, and healthy still comes with data", () => {
    expect(errorRateMoments({ requests: 1000, errors: 0 }, ALPHA).unitVariance).toBeGreaterThan(0);
    const settings = { alpha: ALPHA, tolerance: absolute(0.005), badDirection: up };
    const early = compareErrorRates({ requests: 700, errors: 0 }, { requests: 13_300, errors: 0 }, settings);
    // 0 of 700 is also what a true rate of 0.6% would show with probability e^−4.2 ≈ 1.5%: not yet healthy.
    expect(early.upper!).toBeGreaterThan(0.005);
    const later = compareErrorRates({ requests: 50_000, errors: 0 }, { requests: 950_000, errors: 0 }, settings);
    expect(later.upper!).toBeLessThan(0.005);
    const ratio = compareErrorRates(
      { requests: 50_000, errors: 0 },
      { requests: 950_000, errors: 0 },
      { ...settings, tolerance: relative(0.5) },
    );
    expect(ratio).toMatchObject({ waiting: false, estimate: null, lower: -1, upper: null });
  });

  it("huge counts stay finite", () => {
    for (const tolerance of [absolute(0.001), relative(0.01)]) {
      const result = compareErrorRates(
        { requests: 1e15, errors: 1e13 },
        { requests: 1.9e16, errors: 1.9e14 },
        { alpha: ALPHA, tolerance, badDirection: up },
      );
      for (const x of [result.estimate, result.lower, result.upper, result.needed])
        expect(Number.isFinite(x)).toBe(true);
      expect(result.upper! - result.lower!).toBeLessThan(1e-4);
    }
  });

  it("invalid counts wait with nothing known", () => {
    const settings = { alpha: ALPHA, tolerance: absolute(0.005), badDirection: up };
    for (const bad of [
      { requests: -1, errors: 0 },
      { requests: Number.NaN, errors: 0 },
      { requests: 100, errors: 101 },
      { requests: Number.POSITIVE_INFINITY, errors: 1 },
    ]) {
      expect(compareErrorRates(bad, C, settings)).toEqual({
        waiting: true,
        estimate: null,
        lower: null,
        upper: null,
        needed: null,
      });
    }
  });

  it("the relative interval's ends are where the test at that ratio changes its answer", () => {
    const result = compareErrorRates(T, C, { alpha: ALPHA, tolerance: relative(0.5), badDirection: up });
    const moments = (arm: ErrorCounts) => {
      const m = errorRateMoments(arm, ALPHA);
      return { mean: m.mean, variance: m.unitVariance / m.n, flooredMean: m.flooredMean };
    };
    const [t, c] = [moments(T), moments(C)];
    expect(ratioRejects(result.lower! - 1e-6, t, c, ALPHA, 0.5)).toBe(true);
    expect(ratioRejects(result.lower! + 1e-6, t, c, ALPHA, 0.5)).toBe(false);
    expect(ratioRejects(result.upper! - 1e-6, t, c, ALPHA, 0.5)).toBe(false);
    expect(ratioRejects(result.upper! + 1e-6, t, c, ALPHA, 0.5)).toBe(true);
  });
});

describe("compareErrorRates: A/A, looked at after every batch", () => {
  // 300 plans with no difference at 2%, 5% of traffic in treatment, 40 looks each, α = 0.05:
  // the interval may exclude the truth at some look in at most 5% of plans, over any number of
  // looks. A mixture tuned to the data's scale spends a good part of that within the horizon:
  // 2.7% here (2.4% and 2.0% over 3000 plans; 3.9% over 200 looks; 0.2–1% at a 0.1% error rate).
  function falseAlarmRate(tolerance: { kind: "absolute" | "relative"; value: number }): number {
    const random = seededRandom(20240611);
    let crossed = 0;
    for (let run = 0; run < 300; run++) {
      const t = { requests: 0, errors: 0 };
      const c = { requests: 0, errors: 0 };
      for (let look = 0; look < 40; look++) {
        t.requests += 250;
        t.errors += binomial(random, 250, 0.02);
        c.requests += 4750;
        c.errors += binomial(random, 4750, 0.02);
        const result = compareErrorRates(t, c, { alpha: 0.05, tolerance, badDirection: up });
        if (!result.waiting && ((result.lower ?? -Infinity) > 0 || (result.upper ?? Infinity) < 0)) {
          crossed++;
          break;
        }
      }
    }
    return crossed / 300;
  }

  it("absolute: the truth (0) leaves the interval in under 5% of plans", () => {
    expect(falseAlarmRate(absolute(0.005))).toBeLessThan(0.05);
  });

  it("relative: likewise for the ratio (truth 0)", () => {
    expect(falseAlarmRate(relative(0.2))).toBeLessThan(0.05);
  });
});
