import { describe, expect, it } from "vitest";
import { bucketOf } from "./bucketing";
import { evaluate, resolveCohort, type CompiledCohort, type CompiledRelease, type ReleaseStatus } from "./evaluate";
import { randomKeys } from "./seeded-random";
import { compileCohort } from "./targeting";

const betaTesters: CompiledCohort = {
  key: "beta",
  matches: compileCohort({ kind: "keys", targetingKeys: ["alice"] }),
};
const europe: CompiledCohort = {
  key: "eu",
  matches: compileCohort({
    kind: "rules",
    conditions: [{ attribute: "country", operator: "in", values: ["DE", "FR"] }],
  }),
};
const mobile: CompiledCohort = {
  key: "mobile",
  matches: compileCohort({
    kind: "rules",
    conditions: [{ attribute: "platform", operator: "in", values: ["ios", "android"] }],
  }),
};
const cohorts = [betaTesters, europe, mobile];

function release(overrides: Partial<CompiledRelease> = {}): CompiledRelease {
  return {
    key: "checkout-v2",
    salt: "salt-1",
    status: "rolling",
    defaultBasisPoints: 2_500,
    cohortBasisPoints: new Map(),
    ...overrides,
  };
}

/** Finds keys whose bucket is below / at-or-above a threshold, so outcomes are known. */
function keyWithBucket(salt: string, predicate: (bucket: number) => boolean): string {
  for (let i = 0; ; i++) if (predicate(bucketOf(salt, `u${i}`))) return `u${i}`;
}

describe("resolveCohort", () => {
  it("returns the first matching cohort in priority order", () => {
    expect(resolveCohort(cohorts, { targetingKey: "alice", country: "DE" })).toBe(betaTesters);
    expect(resolveCohort(cohorts, { targetingKey: "bob", country: "DE", platform: "ios" })).toBe(europe);
    expect(resolveCohort([mobile, europe], { targetingKey: "bob", country: "DE", platform: "ios" })).toBe(mobile);
    expect(resolveCohort(cohorts, { targetingKey: "bob", country: "US" })).toBeNull();
    expect(resolveCohort([], { targetingKey: "bob" })).toBeNull();
  });
});

describe("evaluate: status decides without hashing", () => {
  it("promoted serves treatment to everyone, keeping the cohort key", () => {
    const r = release({ status: "promoted", defaultBasisPoints: 0 });
    expect(evaluate(r, cohorts, { targetingKey: "bob", country: "FR" })).toEqual({
      value: true,
      variant: "treatment",
      reason: "STATIC",
      cohortKey: "eu",
      bucket: null,
      basisPoints: 10_000,
      status: "promoted",
    });
  });

  it.each<ReleaseStatus>(["draft", "rolled_back"])("%s serves control to everyone", (status) => {
    const r = release({ status, defaultBasisPoints: 10_000, cohortBasisPoints: new Map([["beta", 10_000]]) });
    expect(evaluate(r, cohorts, { targetingKey: "alice" })).toEqual({
      value: false,
      variant: "control",
      reason: "DISABLED",
      cohortKey: "beta",
      bucket: null,
      basisPoints: 0,
      status,
    });
    expect(evaluate(r, cohorts, { targetingKey: "zed" }).cohortKey).toBe("default");
  });
});

describe.each<ReleaseStatus>(["rolling", "paused"])("evaluate: %s splits by bucket", (status) => {
  const salt = "salt-1";
  const low = keyWithBucket(salt, (b) => b < 2_500);
  const high = keyWithBucket(salt, (b) => b >= 2_500);

  it("uses the default percentage when no cohort matches (SPLIT)", () => {
    const r = release({ status });
    const inside = evaluate(r, cohorts, { targetingKey: low });
    expect(inside).toEqual({
      value: true,
      variant: "treatment",
      reason: "SPLIT",
      cohortKey: "default",
      bucket: bucketOf(salt, low),
      basisPoints: 2_500,
      status,
    });
    const outside = evaluate(r, cohorts, { targetingKey: high });
    expect(outside).toMatchObject({ value: false, variant: "control", reason: "SPLIT", cohortKey: "default" });
    expect(outside.bucket).toBe(bucketOf(salt, high));
  });

  it("uses the matched cohort's explicit percentage", () => {
    const r = release({ status, defaultBasisPoints: 0, cohortBasisPoints: new Map([["eu", 2_500]]) });
    expect(evaluate(r, cohorts, { targetingKey: low, country: "DE" })).toMatchObject({
      value: true,
      reason: "SPLIT",
      cohortKey: "eu",
      basisPoints: 2_500,
    });
    expect(evaluate(r, cohorts, { targetingKey: low, country: "US" })).toMatchObject({
      value: false,
      reason: "STATIC",
      cohortKey: "default",
      basisPoints: 0,
    });
  });

  it("a matched cohort without an explicit entry follows the default (STATIC at 0/100%)", () => {
    const r = release({ status, defaultBasisPoints: 10_000, cohortBasisPoints: new Map([["beta", 0]]) });
    expect(evaluate(r, cohorts, { targetingKey: high, country: "FR" })).toMatchObject({
      value: true,
      reason: "STATIC",
      cohortKey: "eu",
      basisPoints: 10_000,
    });
    const split = release({ status, defaultBasisPoints: 2_500 });
    expect(evaluate(split, cohorts, { targetingKey: low, country: "FR" })).toMatchObject({
      reason: "SPLIT",
      cohortKey: "eu",
      basisPoints: 2_500,
    });
  });

  it("an explicit 0% or 100% on the matched cohort is TARGETING_MATCH", () => {
    const r = release({
      status,
      defaultBasisPoints: 5_000,
      cohortBasisPoints: new Map([
        ["beta", 10_000],
        ["eu", 0],
      ]),
    });
    const on = evaluate(r, cohorts, { targetingKey: "alice", country: "DE" });
    expect(on).toMatchObject({ value: true, variant: "treatment", reason: "TARGETING_MATCH", cohortKey: "beta" });
    expect(on.bucket).toBe(bucketOf(salt, "alice"));
    expect(on.basisPoints).toBe(10_000);
    expect(evaluate(r, cohorts, { targetingKey: low, country: "DE" })).toMatchObject({
      value: false,
      variant: "control",
      reason: "TARGETING_MATCH",
      cohortKey: "eu",
      basisPoints: 0,
    });
  });

  it("first match wins even when a later cohort would give a different percentage", () => {
    const r = release({
      status,
      defaultBasisPoints: 0,
      cohortBasisPoints: new Map([
        ["eu", 0],
        ["mobile", 10_000],
      ]),
    });
    const ctx = { targetingKey: high, country: "DE", platform: "ios" };
    expect(evaluate(r, [europe, mobile], ctx)).toMatchObject({ value: false, cohortKey: "eu" });
    expect(evaluate(r, [mobile, europe], ctx)).toMatchObject({ value: true, cohortKey: "mobile" });
  });
});

describe("evaluate: ramping a cohort", () => {
  it("5% → 25% → 50% never moves a key from treatment back to control", () => {
    const keys = randomKeys(100_000, 99);
    const everyone: CompiledCohort = { key: "everyone", matches: () => true };
    let previous: boolean[] | null = null;
    for (const [bp, share] of [
      [500, 0.05],
      [2_500, 0.25],
      [5_000, 0.5],
    ] as const) {
      const r = release({ salt: "ramp", defaultBasisPoints: 0, cohortBasisPoints: new Map([["everyone", bp]]) });
      const values = keys.map((targetingKey) => evaluate(r, [everyone], { targetingKey }).value);
      const treated = values.filter(Boolean).length / keys.length;
      expect(Math.abs(treated - share)).toBeLessThan(0.005);
      if (previous) {
        const before = previous;
        const flippedBack = values.filter((value, i) => before[i] && !value).length;
        expect(flippedBack).toBe(0);
      }
      previous = values;
    }
  });
});
