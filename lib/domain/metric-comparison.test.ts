import { describe, expect, it } from "vitest";
import {
  compareVariants,
  harmOf,
  pickWorstCohort,
  signTestP,
  windowValue,
  type ComparisonPoint,
} from "./metric-comparison";

const errors = { kind: "error_rate", badDirection: "up" } as const;
const orders = { kind: "count", badDirection: "down" } as const;
const conversion = { kind: "mean", badDirection: "down" } as const;

/** Hourly points of an error rate: `rate` over `requests` each hour. */
const hours = (n: number, rate: number, requests: number): ComparisonPoint[] =>
  Array.from({ length: n }, () => ({ value: rate, samples: requests }));

describe("windowValue", () => {
  it("weights rates by the observations behind each step (errors / requests over the window)", () => {
    expect(
      windowValue("error_rate", [
        { value: 0.1, samples: 100 },
        { value: 0, samples: 900 },
        { value: null, samples: 0 },
      ]),
    ).toEqual({ value: 0.01, samples: 1000, points: 2 });
  });

  it("adds counts up", () => {
    expect(
      windowValue("count", [
        { value: 3, samples: 3 },
        { value: 4, samples: 4 },
      ]),
    ).toEqual({ value: 7, samples: 7, points: 2 });
  });

  it("falls back to a plain mean when the backend can't count observations", () => {
    expect(
      windowValue("latency", [
        { value: 100, samples: null },
        { value: 200, samples: null },
      ]),
    ).toEqual({ value: 150, samples: null, points: 2 });
  });

  it("has no value without points", () => {
    expect(windowValue("mean", [])).toEqual({ value: null, samples: null, points: 0 });
  });
});

describe("harmOf", () => {
  it("is relative to control in the bad direction", () => {
    expect(harmOf("up", 0.05, 0.01)).toBeCloseTo(4);
    expect(harmOf("up", 0.008, 0.01)).toBeCloseTo(-0.2);
    expect(harmOf("down", 0.8, 1)).toBeCloseTo(0.2);
    expect(harmOf("down", 1.2, 1)).toBeCloseTo(-0.2);
  });

  it("treats any errors against a control without errors as infinitely worse", () => {
    expect(harmOf("up", 0.01, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(harmOf("up", 0, 0)).toBe(0);
    expect(harmOf("down", 0, 0)).toBe(0);
  });
});

describe("signTestP", () => {
  it("is the chance of at least k heads in n fair tosses", () => {
    expect(signTestP(0, 10)).toBeCloseTo(1);
    expect(signTestP(6, 6)).toBeCloseTo(1 / 64);
    expect(signTestP(2, 3)).toBeCloseTo(0.5);
    expect(signTestP(20, 24)).toBeCloseTo(0.00077, 5);
    expect(signTestP(600, 1000)).toBeLessThan(1e-9);
  });
});

describe("compareVariants", () => {
  it("flags treatment more than 20% worse with enough observations on both sides", () => {
    const c = compareVariants(errors, hours(24, 0.05, 50), hours(24, 0.01, 200));
    expect(c.harm).toBeCloseTo(4);
    expect(c.enoughSamples).toBe(true);
    expect(c.regression).toBe(true);
  });

  it("does not flag 20% or less, nor a thin variant", () => {
    expect(compareVariants(errors, hours(24, 0.012, 50), hours(24, 0.01, 200)).regression).toBe(false);
    const thin = compareVariants(errors, hours(2, 0.5, 10), hours(24, 0.01, 200));
    expect(thin.harm).toBeCloseTo(49);
    expect(thin.enoughSamples).toBe(false);
    expect(thin.regression).toBe(false);
  });

  it("takes an error rate 76% worse on a few dozen errors for noise (z < 3), and 5× on thousands for real", () => {
    // Numbers of a demo cohort where treatment and control behave alike.
    const noise = compareVariants(
      errors,
      [{ value: 41 / 6106, samples: 6106 }],
      [{ value: 49 / 12856, samples: 12856 }],
    );
    expect(noise.harm).toBeGreaterThan(0.7);
    expect(noise.enoughSamples).toBe(true);
    expect(noise.significant).toBe(false);
    expect(noise.regression).toBe(false);
    const real = compareVariants(
      errors,
      [{ value: 6937 / 172349, samples: 172349 }],
      [{ value: 4572 / 573211, samples: 573211 }],
    );
    expect(real.significant).toBe(true);
    expect(real.regression).toBe(true);
  });

  it("judges quantiles and means by how many steps treatment is worse in (sign test)", () => {
    const latency = { kind: "latency", badDirection: "up" } as const;
    const steps = (values: number[]) => values.map((value, t) => ({ t, value, samples: 500 }));
    // Worse in every one of 24 hours.
    expect(compareVariants(latency, steps(Array(24).fill(300)), steps(Array(24).fill(200))).regression).toBe(true);
    // Worse on average (one bad hour), but only in 13 of 24 hours: a coin does that.
    const mixed = Array.from({ length: 24 }, (_, i) => (i === 0 ? 3000 : i % 2 ? 190 : 210));
    const c = compareVariants(latency, steps(mixed), steps(Array(24).fill(200)));
    expect(c.harm).toBeGreaterThan(0.2);
    expect(c.significant).toBe(false);
    expect(c.regression).toBe(false);
  });

  it("needs enough steps from a backend without observation counts", () => {
    const latency = { kind: "latency", badDirection: "up" } as const;
    const steps = (n: number, value: number) => Array.from({ length: n }, (_, t) => ({ t, value, samples: null }));
    expect(compareVariants(latency, steps(5, 300), steps(24, 100)).regression).toBe(false);
    // Six hours worse out of six: p = 1/64, still more than 1%.
    expect(compareVariants(latency, steps(6, 300), steps(24, 100)).regression).toBe(false);
    expect(compareVariants(latency, steps(8, 300), steps(24, 100)).regression).toBe(true);
  });

  it("never compares counts: they follow the split, not the quality", () => {
    const c = compareVariants(orders, hours(24, 1, 1), hours(24, 9, 9));
    expect(c.harm).toBeNull();
    expect(c.regression).toBe(false);
  });

  it("knows 'down is bad' metrics", () => {
    expect(compareVariants(conversion, hours(24, 0.02, 500), hours(24, 0.03, 500)).regression).toBe(true);
  });
});

describe("pickWorstCohort", () => {
  it("picks the cohort where treatment is furthest from control in the bad direction", () => {
    const pick = pickWorstCohort(errors, [
      { cohortKey: "eu", treatment: hours(24, 0.011, 200), control: hours(24, 0.01, 800) },
      { cohortKey: "mobile", treatment: hours(24, 0.05, 200), control: hours(24, 0.01, 800) },
      { cohortKey: "default", treatment: [], control: hours(24, 0.01, 800) },
    ]);
    expect(pick?.cohortKey).toBe("mobile");
    expect(pick?.basis).toBe("worst");
    expect(pick?.comparison.regression).toBe(true);
  });

  it("prefers a cohort with enough observations over a thin one that looks worse", () => {
    const pick = pickWorstCohort(errors, [
      { cohortKey: "thin", treatment: [{ value: 1, samples: 2 }], control: [{ value: 0, samples: 3 }] },
      { cohortKey: "mobile", treatment: hours(24, 0.05, 200), control: hours(24, 0.01, 800) },
    ]);
    expect(pick?.cohortKey).toBe("mobile");
  });

  it("falls back to the busiest cohort when nothing can be compared, and to null without data", () => {
    expect(
      pickWorstCohort(orders, [
        { cohortKey: "eu", treatment: hours(24, 2, 2), control: hours(24, 5, 5) },
        { cohortKey: "us", treatment: hours(24, 20, 20), control: hours(24, 50, 50) },
      ]),
    ).toMatchObject({ cohortKey: "us", basis: "busiest" });
    expect(
      pickWorstCohort(errors, [{ cohortKey: "staff", treatment: hours(24, 0.01, 50), control: [] }]),
    ).toMatchObject({ cohortKey: "staff", basis: "busiest" });
    expect(pickWorstCohort(errors, [{ cohortKey: "eu", treatment: [], control: [] }])).toBeNull();
  });
});
