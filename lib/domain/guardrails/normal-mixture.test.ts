import { describe, expect, it } from "vitest";
import {
  compareMeans,
  DEFAULT_EFFECT,
  effectWorthDetecting,
  eventFloor,
  mixtureHalfWidth,
  mixtureRejects,
  ratioConfidenceSequence,
  ratioRejects,
  toHarm,
  varianceForHalfWidth,
} from "./normal-mixture";

const ALPHA = 0.01 / 60;

// Reference values from python3/numpy of the closed form; at each h the mixture likelihood
// ratio ∫ exp((ΔD − Δ²/2)/V) dN(Δ; 0, τ²), integrated numerically with scipy.integrate.quad,
// came out 1/α (20, 6000, 1000, 6000) — so the closed form is the mixture SPRT's boundary.
// z: the fixed-sample two-sided normal half-width z(1 − α/2)·√V at the same α (scipy.stats.norm).
const REFERENCES = [
  { V: 1e-4, alpha: 0.05, tau2: 1e-4, h: 0.03656394871363849, z: 0.01959963984540054 },
  { V: 2.5e-6, alpha: ALPHA, tau2: 2.5e-5, h: 0.007378451268074594, z: 0.005952708860697362 },
  { V: 1e-2, alpha: 1e-3, tau2: 1e-4, h: 3.736805520455355, z: 0.32905267314919256 },
  { V: 1e-8, alpha: ALPHA, tau2: 1e-4, h: 0.0005158694680864845, z: 0.0003764823649533926 },
];

describe("mixtureHalfWidth", () => {
  it.each(REFERENCES)("matches the reference for V=$V, α=$alpha, τ²=$tau2", ({ V, alpha, tau2, h, z }) => {
    expect(mixtureHalfWidth(V, alpha, tau2)).toBeCloseTo(h, 14);
    // Anytime validity costs width: always wider than the fixed-sample interval.
    expect(mixtureHalfWidth(V, alpha, tau2)).toBeGreaterThan(z);
  });

  it("is tightest at τ² = x*·V with x* = 2 ln(1/α) + ln(1 + x*), where h ≈ √(V(x*+1)): τ² = δ² tunes it for a half-width ≈ δ", () => {
    // x* and h* from scipy (brentq and minimize_scalar over τ² at V = 1e-6).
    const xStar = 20.46547534287258;
    const V = 1e-6;
    expect(mixtureHalfWidth(V, ALPHA, xStar * V)).toBeCloseTo(0.0046330848624725795, 14);
    for (const factor of [0.5, 0.9, 1.1, 2]) {
      expect(mixtureHalfWidth(V, ALPHA, factor * xStar * V)).toBeGreaterThan(mixtureHalfWidth(V, ALPHA, xStar * V));
    }
    // A τ² 100× too large costs far less than one 100× too small.
    const tooLarge = mixtureHalfWidth(V, ALPHA, 100 * xStar * V);
    const tooSmall = mixtureHalfWidth(V, ALPHA, (xStar * V) / 100);
    expect(tooLarge / mixtureHalfWidth(V, ALPHA, xStar * V)).toBeLessThan(1.2);
    expect(tooSmall / mixtureHalfWidth(V, ALPHA, xStar * V)).toBeGreaterThan(2);
  });

  it("grows with the variance and shrinks with alpha; zero variance, zero width", () => {
    let previous = 0;
    for (const V of [1e-12, 1e-9, 1e-6, 1e-3, 1, 1e3]) {
      const h = mixtureHalfWidth(V, ALPHA, 1e-4);
      expect(h).toBeGreaterThan(previous);
      previous = h;
    }
    expect(mixtureHalfWidth(1e-4, 0.05, 1e-4)).toBeLessThan(mixtureHalfWidth(1e-4, 0.001, 1e-4));
    expect(mixtureHalfWidth(0, ALPHA, 1e-4)).toBe(0);
  });

  it("rejects exactly outside the half-width", () => {
    const h = mixtureHalfWidth(1e-4, 0.05, 1e-4);
    expect(mixtureRejects(h * 1.000001, 1e-4, 0.05, 1e-4)).toBe(true);
    expect(mixtureRejects(-h * 1.000001, 1e-4, 0.05, 1e-4)).toBe(true);
    expect(mixtureRejects(h * 0.999999, 1e-4, 0.05, 1e-4)).toBe(false);
  });
});

describe("varianceForHalfWidth", () => {
  it("inverts mixtureHalfWidth", () => {
    for (const { V, alpha, tau2 } of REFERENCES) {
      const h = mixtureHalfWidth(V, alpha, tau2);
      expect(varianceForHalfWidth(h, alpha, tau2) / V).toBeCloseTo(1, 10);
    }
    expect(varianceForHalfWidth(0, ALPHA, 1e-4)).toBe(0);
  });
});

describe("effectWorthDetecting and eventFloor", () => {
  it("tunes to the tolerance, to a default when it is zero, and never to almost nothing", () => {
    expect(effectWorthDetecting({ kind: "absolute", value: 0.005 })).toBe(0.005);
    expect(effectWorthDetecting({ kind: "relative", value: -0.2 })).toBe(0.2);
    expect(effectWorthDetecting({ kind: "absolute", value: 0 })).toBe(DEFAULT_EFFECT.absolute);
    expect(effectWorthDetecting({ kind: "relative", value: 0 })).toBe(DEFAULT_EFFECT.relative);
    expect(effectWorthDetecting({ kind: "relative", value: Number.NaN })).toBe(DEFAULT_EFFECT.relative);
    expect(effectWorthDetecting({ kind: "relative", value: 1e-9 })).toBe(0.01);
  });

  it("adds ln(1/α) events, at least half of one", () => {
    expect(eventFloor(ALPHA)).toBeCloseTo(Math.log(6000), 12);
    expect(eventFloor(0.9)).toBe(0.5);
  });
});

describe("ratioConfidenceSequence", () => {
  const treatment = { mean: 0.02, variance: 1e-6, flooredMean: 0.0201 };
  const control = { mean: 0.01, variance: 2.6e-8, flooredMean: 0.01002 };

  it("is exactly the set of ratios the test does not reject (the interval and the decision agree)", () => {
    const { lower, upper } = ratioConfidenceSequence(treatment, control, ALPHA, 0.5);
    expect(upper).not.toBeNull();
    for (const [theta, rejected] of [
      [lower - 1e-6, true],
      [lower + 1e-6, false],
      [1, false],
      [upper! - 1e-6, false],
      [upper! + 1e-6, true],
    ] as const) {
      expect(ratioRejects(theta, treatment, control, ALPHA, 0.5)).toBe(rejected);
    }
  });

  it("is unbounded above while the control can't be told from zero, and says so with null", () => {
    const none = { mean: 0, variance: 1e-6, flooredMean: 0.001 };
    expect(ratioConfidenceSequence(none, none, ALPHA, 0.1)).toEqual({ lower: -1, upper: null });
    const some = ratioConfidenceSequence({ mean: 0.05, variance: 5e-5, flooredMean: 0.058 }, none, ALPHA, 0.5);
    expect(some.upper).toBeNull();
    expect(some.lower).toBeGreaterThan(0);
  });
});

describe("compareMeans", () => {
  const arm = (n: number, mean: number) => ({ n, mean, unitVariance: mean * (1 - mean), flooredMean: mean });
  const settings = { alpha: ALPHA, tolerance: { kind: "absolute", value: 0.005 }, badDirection: "up" } as const;

  it("waits below 100 per arm but already tells how many are needed", () => {
    const result = compareMeans(arm(99, 0.01), arm(10_000, 0.01), settings);
    expect(result).toMatchObject({ waiting: true, estimate: null, lower: null, upper: null });
    expect(result.needed).toBeGreaterThan(100);
  });

  it("needs about the samples at which the half-width reaches the tolerance", () => {
    const control = arm(19_000, 0.01);
    const needed = compareMeans(arm(1000, 0.01), control, settings).needed!;
    const atNeeded = compareMeans(arm(needed, 0.01), arm(19 * needed, 0.01), settings);
    expect(atNeeded.upper!).toBeLessThanOrEqual(0.005 * 1.001);
    expect(atNeeded.upper!).toBeGreaterThan(0.005 * 0.99);
    expect(
      compareMeans(arm(1000, 0.01), control, { ...settings, tolerance: { kind: "absolute", value: 0 } }).needed,
    ).toBeNull();
  });

  it("toHarm mirrors the interval for a bad direction of down", () => {
    expect(toHarm({ estimate: 0.1, lower: -0.2, upper: 0.4 }, "down")).toEqual({
      estimate: -0.1,
      lower: -0.4,
      upper: 0.2,
    });
    expect(toHarm({ estimate: null, lower: -1, upper: null }, "down")).toEqual({
      estimate: null,
      lower: null,
      upper: 1,
    });
  });
});
