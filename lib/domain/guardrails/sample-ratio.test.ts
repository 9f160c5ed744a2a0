import { describe, expect, it } from "vitest";
import { seededRandom } from "@/lib/domain/seeded-random";
import { logGamma, sampleRatioLogBayesFactor, sampleRatioTest } from "./sample-ratio";

describe("logGamma", () => {
  it("matches scipy.special.gammaln", () => {
    const references: [number, number][] = [
      [3e-5, 10.41429586057238],
      [0.5, 0.5723649429247],
      [1, 0],
      [2.5, 0.2846828704729192],
      [10, 12.801827480081469],
      [15, 25.191221182738683],
      [15.5, 26.536914491115613],
      [100, 359.1342053695754],
      [1e6, 12815504.569147611],
      [1e12, 26631021115915.65],
    ];
    for (const [x, expected] of references) {
      expect(Math.abs(logGamma(x) - expected)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(expected)));
    }
  });
});

describe("sampleRatioLogBayesFactor", () => {
  // log_bayes_factor from optimizely/ssrm's own sequential_posteriors (run with python3 on
  // [[treatment, control]] and null probabilities [share, 1 − share], default concentration 10 000).
  const SSRM: [number, number, number, number][] = [
    [60, 40, 0.5, 0.014828540933194745],
    [510, 490, 0.5, -0.02947388142001728],
    [600, 400, 0.5, 1.7707899707529577],
    [5000, 5000, 0.5, -0.346586090294295],
    [5200, 4800, 0.5, 3.6538806656899396],
    [80, 920, 0.05, 0.7740066132437278],
    [60, 940, 0.05, 0.038945763428273494],
    [700, 9300, 0.05, 19.409672029840294],
    [5000, 95_000, 0.05, -1.1990995502565056],
    [6000, 94_000, 0.05, 89.37375373207033],
    [0, 100, 0.2, 0.12283423067896138],
    [3, 0, 0.5, 0.00029992501861775267],
    [52_000, 948_000, 0.05, 38.85101546160877],
    [50_500, 949_500, 0.05, 0.2850261628627777],
  ];

  it.each(SSRM)("treatment %d, control %d, share %s: ssrm's log BF", (treatment, control, share, expected) => {
    expect(sampleRatioLogBayesFactor({ treatment, control }, share)).toBeCloseTo(expected, 8);
  });

  it("depends on the totals only: ssrm fed in batches [30,20],[10,15],[20,5] gives the value of [60,40]", () => {
    expect(sampleRatioLogBayesFactor({ treatment: 60, control: 40 }, 0.5)).toBeCloseTo(0.014828540922025013, 9);
  });

  it("stays finite at a hundred million users (ssrm: 1041.3305621147156)", () => {
    expect(sampleRatioLogBayesFactor({ treatment: 5_100_000, control: 94_900_000 }, 0.05)).toBeCloseTo(
      1041.3305621147156,
      4,
    );
  });
});

describe("sampleRatioTest", () => {
  it("calls a mismatch when the Bayes factor passes 1/α and the share is off by more than 5%", () => {
    const verdict = sampleRatioTest({ treatment: 700, control: 9300 }, 0.05, 0.001);
    expect(verdict).toMatchObject({ mismatch: true, observedShare: 0.07, expectedShare: 0.05 });
    expect(verdict.logBayesFactor).toBeCloseTo(19.409672029840294, 8);
    expect(sampleRatioTest({ treatment: 5200, control: 4800 }, 0.5, 0.01).mismatch).toBe(false); // ln BF 3.65 < ln 100
  });

  it("does not call a deviation the size of HyperLogLog's error a mismatch, however many users", () => {
    const counts = { treatment: 5_100_000, control: 94_900_000 }; // 5.1% against 5%: 2% off
    const verdict = sampleRatioTest(counts, 0.05, 0.0001);
    expect(verdict.logBayesFactor).toBeGreaterThan(1000);
    expect(verdict.mismatch).toBe(false);
    expect(sampleRatioTest(counts, 0.05, 0.0001, { minRelativeDeviation: 0 }).mismatch).toBe(true);
  });

  it("no users, negative or non-finite counts, or a share or alpha outside (0, 1): never a mismatch", () => {
    expect(sampleRatioTest({ treatment: 0, control: 0 }, 0.05, 0.01)).toEqual({
      mismatch: false,
      observedShare: null,
      expectedShare: 0.05,
      logBayesFactor: 0,
      samples: { treatment: 0, control: 0 },
    });
    for (const [counts, share, alpha] of [
      [{ treatment: -1, control: 100 }, 0.05, 0.01],
      [{ treatment: Number.NaN, control: 100 }, 0.05, 0.01],
      [{ treatment: 10, control: Number.POSITIVE_INFINITY }, 0.05, 0.01],
      [{ treatment: 900, control: 100 }, 0, 0.01],
      [{ treatment: 900, control: 100 }, 1, 0.01],
      [{ treatment: 900, control: 100 }, 0.05, 0],
    ] as const) {
      const verdict = sampleRatioTest(counts, share, alpha);
      expect(verdict.mismatch).toBe(false);
      expect(verdict.logBayesFactor).toBe(0);
      expect(Number.isFinite(verdict.samples.treatment) && Number.isFinite(verdict.samples.control)).toBe(true);
    }
  });

  it("A/A looked at after every batch: a false mismatch in under α of runs, even without the guard", () => {
    const random = seededRandom(11);
    let mismatched = 0;
    for (let run = 0; run < 300; run++) {
      const counts = { treatment: 0, control: 0 };
      for (let look = 0; look < 50; look++) {
        for (let i = 0; i < 1000; i++) {
          if (random() < 0.05) counts.treatment++;
          else counts.control++;
        }
        if (sampleRatioTest(counts, 0.05, 0.05, { minRelativeDeviation: 0 }).mismatch) {
          mismatched++;
          break;
        }
      }
    }
    expect(mismatched / 300).toBeLessThan(0.05);
  });
});
