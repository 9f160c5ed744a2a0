import { describe, expect, it } from "vitest";
import { seededRandom } from "@/lib/domain/seeded-random";
import type { ArmData, GuardrailInput, GuardrailVerdict, Tolerance } from "./guardrail-types";
import { judgeGuardrail } from "./judge-guardrail";
import { ratioRejects } from "./normal-mixture";
import { errorRateMoments } from "./proportion-difference";

const ALPHA = 0.01 / 60;
const absolute = (value: number): Tolerance => ({ kind: "absolute", value });
const relative = (value: number): Tolerance => ({ kind: "relative", value });
const rates = (requests: number, errors: number): ArmData => ({ kind: "error_rate", requests, errors });

function errorRate(
  treatment: [number, number],
  control: [number, number],
  tolerance: Tolerance,
  badDirection: "up" | "down" = "up",
): GuardrailVerdict {
  return judgeGuardrail({
    kind: "error_rate",
    badDirection,
    tolerance,
    alpha: ALPHA,
    treatment: rates(...treatment),
    control: rates(...control),
  });
}

function expectFiniteOrNull(verdict: GuardrailVerdict): void {
  for (const x of [verdict.estimate, verdict.lower, verdict.upper, verdict.needed]) {
    expect(x === null || Number.isFinite(x)).toBe(true);
  }
  expect(Number.isFinite(verdict.samples.treatment) && Number.isFinite(verdict.samples.control)).toBe(true);
}

describe("judgeGuardrail: states", () => {
  it("breach: 1% → 2% with 20 000 treatment requests, tolerance 0.5 pp", () => {
    const verdict = errorRate([20_000, 400], [380_000, 3800], absolute(0.005));
    expect(verdict).toMatchObject({ state: "breach", samples: { treatment: 20_000, control: 380_000 } });
    expect(verdict.lower!).toBeGreaterThan(0.005);
  });

  it("healthy: no difference and enough data for the interval to fit under the tolerance", () => {
    const verdict = errorRate([20_000, 200], [380_000, 3800], absolute(0.005));
    expect(verdict.state).toBe("healthy");
    expect(verdict.upper!).toBeLessThanOrEqual(0.005);
    expect(verdict.needed!).toBeLessThan(20_000);
  });

  it("inconclusive: enough to start, not enough to tell", () => {
    const verdict = errorRate([1000, 15], [19_000, 190], absolute(0.005));
    expect(verdict.state).toBe("inconclusive");
    expect(verdict.lower!).toBeLessThanOrEqual(0.005);
    expect(verdict.upper!).toBeGreaterThan(0.005);
    expect(verdict.needed!).toBeGreaterThan(1000);
  });

  it("waiting below 100 per arm: no interval, but a sample size to aim for", () => {
    const verdict = errorRate([99, 50], [19_000, 190], absolute(0.005));
    expect(verdict).toMatchObject({ state: "waiting", estimate: null, lower: null, upper: null });
    expect(verdict.needed!).toBeGreaterThan(1000);
  });

  it("zero tolerance: a breach can be shown but health can't, so nothing is needed for it", () => {
    expect(errorRate([5000, 100], [95_000, 950], absolute(0)).state).toBe("breach");
    const same = errorRate([50_000, 500], [950_000, 9500], absolute(0));
    expect(same.state).toBe("inconclusive");
    expect(same.needed).toBeNull();
  });
});

describe("judgeGuardrail: properties", () => {
  it("badDirection down mirrors up", () => {
    for (const tolerance of [absolute(0.005), relative(0.2)]) {
      for (const [t, c] of [
        [
          [20_000, 400],
          [380_000, 3800],
        ],
        [
          [20_000, 100],
          [380_000, 3800],
        ],
        [
          [3000, 40],
          [57_000, 600],
        ],
      ] as [number, number][][]) {
        const upVerdict = errorRate(t as [number, number], c as [number, number], tolerance, "up");
        const downVerdict = errorRate(t as [number, number], c as [number, number], tolerance, "down");
        expect(downVerdict.estimate).toBeCloseTo(-upVerdict.estimate!, 12);
        expect(downVerdict.lower).toBeCloseTo(-upVerdict.upper!, 12);
        expect(downVerdict.upper).toBeCloseTo(-upVerdict.lower!, 12);
      }
    }
    // Fewer errors in treatment is a breach when fewer is the bad direction.
    expect(errorRate([20_000, 100], [380_000, 3800], absolute(0.002), "down").state).toBe("breach");
  });

  it("relative tolerance: the state agrees with the mixture test at the tolerance itself", () => {
    const random = seededRandom(3);
    for (let i = 0; i < 300; i++) {
      const nT = 200 + Math.floor(random() * 30_000);
      const nC = 19 * nT;
      const t = { requests: nT, errors: Math.floor(random() * nT * 0.05) };
      const c = { requests: nC, errors: Math.floor(random() * nC * 0.03) };
      const tol = random() * 0.8;
      const verdict = errorRate([t.requests, t.errors], [c.requests, c.errors], relative(tol));
      const estimate = (arm: typeof t) => {
        const m = errorRateMoments(arm, ALPHA);
        return { mean: m.mean, variance: m.unitVariance / m.n, flooredMean: m.flooredMean };
      };
      const effect = Math.max(tol, 0.01);
      const rejected = ratioRejects(tol, estimate(t), estimate(c), ALPHA, effect);
      expect(verdict.state === "inconclusive").toBe(!rejected);
      if (verdict.state === "breach") expect(verdict.estimate!).toBeGreaterThan(tol);
      if (verdict.state === "healthy") expect(verdict.estimate!).toBeLessThan(tol);
    }
  });

  it("monotone: more treatment errors never lower the bounds; more data narrows the interval", () => {
    let previous = errorRate([10_000, 0], [190_000, 1900], absolute(0.005));
    for (let errors = 10; errors <= 400; errors += 10) {
      const verdict = errorRate([10_000, errors], [190_000, 1900], absolute(0.005));
      expect(verdict.lower!).toBeGreaterThan(previous.lower!);
      expect(verdict.upper!).toBeGreaterThan(previous.upper!);
      previous = verdict;
    }
    let width = Number.POSITIVE_INFINITY;
    for (const n of [1000, 2000, 5000, 10_000, 100_000, 1_000_000]) {
      const verdict = errorRate([n, n / 100], [19 * n, (19 * n) / 100], relative(0.2));
      expect(verdict.upper! - verdict.lower!).toBeLessThan(width);
      width = verdict.upper! - verdict.lower!;
    }
  });

  it("zero and huge counts give finite numbers or null, never NaN or Infinity", () => {
    const arms: [number, number][] = [
      [100, 0],
      [100, 100],
      [1e6, 0],
      [1e15, 1e13],
      [1e15, 1e15],
      [123_456, 7],
    ];
    for (const tolerance of [absolute(0), absolute(0.005), relative(0), relative(0.1), relative(2)]) {
      for (const t of arms) {
        for (const c of arms) {
          for (const badDirection of ["up", "down"] as const) {
            const verdict = errorRate(t, c, tolerance, badDirection);
            expect(verdict.state).not.toBe("waiting");
            expectFiniteOrNull(verdict);
          }
        }
      }
    }
  });

  it("counts and latency go through the same states", () => {
    const counts = judgeGuardrail({
      kind: "count",
      badDirection: "down",
      tolerance: relative(0.05),
      alpha: ALPHA,
      treatment: { kind: "count", exposedUsers: 20_000, events: 16_000 },
      control: { kind: "count", exposedUsers: 380_000, events: 380_000 },
    });
    expect(counts.state).toBe("breach");
    const exponential = (count: number, mean: number): ArmData => ({
      kind: "latency",
      count,
      quantile: (p) => -mean * Math.log(1 - p),
    });
    const latency = judgeGuardrail({
      kind: "latency",
      badDirection: "up",
      quantile: 0.95,
      tolerance: relative(0.1),
      alpha: ALPHA,
      treatment: exponential(20_000, 130),
      control: exponential(380_000, 100),
    });
    expect(latency).toMatchObject({ state: "breach", samples: { treatment: 20_000, control: 380_000 } });
  });
});

describe("judgeGuardrail: input it can't judge waits, never throws", () => {
  const good: GuardrailInput = {
    kind: "error_rate",
    badDirection: "up",
    tolerance: absolute(0.005),
    alpha: ALPHA,
    treatment: rates(20_000, 400),
    control: rates(380_000, 3800),
  };
  const latencyArm: ArmData = { kind: "latency", count: 10_000, quantile: () => 100 };

  it.each([
    ["negative requests", { treatment: rates(-5, 0) }],
    ["NaN errors", { treatment: rates(1000, Number.NaN) }],
    ["more errors than requests", { control: rates(1000, 1001) }],
    ["infinite requests", { control: rates(Number.POSITIVE_INFINITY, 10) }],
    ["alpha of 0", { alpha: 0 }],
    ["alpha of NaN", { alpha: Number.NaN }],
    ["alpha of 1", { alpha: 1 }],
    ["a NaN tolerance", { tolerance: absolute(Number.NaN) }],
    ["arms of another kind", { treatment: latencyArm, control: latencyArm }],
    [
      "an absolute tolerance on latency",
      { kind: "latency", quantile: 0.95, treatment: latencyArm, control: latencyArm, tolerance: absolute(5) },
    ],
    [
      "latency without a quantile",
      { kind: "latency", treatment: latencyArm, control: latencyArm, tolerance: relative(0.1) },
    ],
    [
      "an absolute tolerance on a count",
      {
        kind: "count",
        treatment: { kind: "count", exposedUsers: 1000, events: 10 },
        control: { kind: "count", exposedUsers: 1000, events: 10 },
      },
    ],
  ] as [string, Partial<GuardrailInput>][])("%s", (_, change) => {
    const verdict = judgeGuardrail({ ...good, ...change });
    expect(verdict).toMatchObject({ state: "waiting", estimate: null, lower: null, upper: null });
    expectFiniteOrNull(verdict);
  });
});
