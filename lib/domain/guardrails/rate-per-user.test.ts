import { describe, expect, it } from "vitest";
import { seededRandom } from "@/lib/domain/seeded-random";
import { compareRatesPerUser, ratePerUserMoments } from "./rate-per-user";

const ALPHA = 0.01 / 60;
const relative = (value: number) => ({ kind: "relative", value }) as const;

/** Poisson(mean) by walking the pmf from 0 (exact; means up to a few hundred). */
function poisson(random: () => number, mean: number): number {
  const u = random();
  let k = 0;
  let pmf = Math.exp(-mean);
  let cdf = pmf;
  while (u > cdf && k < 10 * mean + 50) {
    k++;
    pmf *= mean / k;
    cdf += pmf;
  }
  return k;
}

describe("compareRatesPerUser", () => {
  it("matches the reference (independent python3 inversion): 1.1 against 1.0 events per user", () => {
    const result = compareRatesPerUser(
      { exposedUsers: 5000, events: 5500 },
      { exposedUsers: 95_000, events: 95_000 },
      { alpha: ALPHA, tolerance: relative(0.1), badDirection: "up" },
    );
    expect(result.estimate).toBeCloseTo(0.1, 12);
    expect(result.lower).toBeCloseTo(0.028984876112145175, 9);
    expect(result.upper).toBeCloseTo(0.17162977508215227, 9);
  });

  it("uses the Poisson variance λ/n, floored by ln(1/α) events", () => {
    const moments = ratePerUserMoments({ exposedUsers: 1000, events: 2000 }, ALPHA);
    expect(moments.mean).toBe(2);
    expect(moments.unitVariance).toBeCloseTo((2000 + Math.log(6000)) / 1000, 12);
    expect(ratePerUserMoments({ exposedUsers: 1000, events: 0 }, ALPHA).unitVariance).toBeGreaterThan(0);
  });

  it("a fall is harm when the bad direction is down, and mirrors the rise", () => {
    const settings = { alpha: ALPHA, tolerance: relative(0.05), badDirection: "down" } as const;
    const fall = compareRatesPerUser(
      { exposedUsers: 20_000, events: 16_000 },
      { exposedUsers: 380_000, events: 380_000 },
      settings,
    );
    expect(fall.estimate).toBeCloseTo(0.2, 12);
    expect(fall.lower!).toBeGreaterThan(0.05);
    const rise = compareRatesPerUser(
      { exposedUsers: 20_000, events: 16_000 },
      { exposedUsers: 380_000, events: 380_000 },
      { ...settings, badDirection: "up" },
    );
    expect(fall.estimate).toBeCloseTo(-rise.estimate!, 12);
    expect(fall.lower).toBeCloseTo(-rise.upper!, 12);
    expect(fall.upper).toBeCloseTo(-rise.lower!, 12);
  });

  it("waits below 100 exposed users per arm; invalid counts wait with nothing known", () => {
    const settings = { alpha: ALPHA, tolerance: relative(0.1), badDirection: "up" } as const;
    const early = compareRatesPerUser({ exposedUsers: 50, events: 60 }, { exposedUsers: 950, events: 1000 }, settings);
    expect(early).toMatchObject({ waiting: true, estimate: null, lower: null, upper: null });
    expect(early.needed).toBeGreaterThan(100);
    for (const bad of [
      { exposedUsers: -5, events: 1 },
      { exposedUsers: 500, events: -1 },
      { exposedUsers: Number.NaN, events: 1 },
    ]) {
      expect(compareRatesPerUser(bad, { exposedUsers: 950, events: 1000 }, settings)).toMatchObject({
        waiting: true,
        needed: null,
      });
    }
  });

  it("zero events anywhere: no estimate, an unbounded ratio, nothing infinite", () => {
    const result = compareRatesPerUser(
      { exposedUsers: 10_000, events: 0 },
      { exposedUsers: 190_000, events: 0 },
      { alpha: ALPHA, tolerance: relative(0.1), badDirection: "up" },
    );
    expect(result).toMatchObject({ waiting: false, estimate: null, lower: -1, upper: null });
    expect(Number.isFinite(result.needed)).toBe(true);
  });

  it("A/A looked at after every batch: the truth leaves the interval in under α of plans", () => {
    const random = seededRandom(7);
    let crossed = 0;
    for (let run = 0; run < 300; run++) {
      const t = { exposedUsers: 0, events: 0 };
      const c = { exposedUsers: 0, events: 0 };
      for (let look = 0; look < 30; look++) {
        t.exposedUsers += 200;
        t.events += poisson(random, 200 * 0.3);
        c.exposedUsers += 3800;
        for (let i = 0; i < 19; i++) c.events += poisson(random, 200 * 0.3);
        const result = compareRatesPerUser(t, c, { alpha: 0.05, tolerance: relative(0.1), badDirection: "up" });
        if (!result.waiting && ((result.lower ?? -Infinity) > 0 || (result.upper ?? Infinity) < 0)) {
          crossed++;
          break;
        }
      }
    }
    expect(crossed / 300).toBeLessThan(0.05);
  });
});
