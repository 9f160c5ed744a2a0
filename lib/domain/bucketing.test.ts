import { describe, expect, it } from "vitest";
import { BUCKETS, bucketOf, isExposed } from "./bucketing";
import { murmur3 } from "./murmur3";
import { randomKeys } from "./seeded-random";

const keys = randomKeys(100_000, 7);
const salt = "release-checkout-v2";
const buckets = keys.map((key) => bucketOf(salt, key));

function exposedSet(bucketList: number[], bp: number): Set<number> {
  const set = new Set<number>();
  bucketList.forEach((bucket, i) => {
    if (isExposed(bucket, bp)) set.add(i);
  });
  return set;
}

describe("bucketOf", () => {
  it("hashes `${salt}:${targetingKey}` with seed 0 into [0, 10000)", () => {
    expect(BUCKETS).toBe(10_000);
    expect(bucketOf("s", "user-1")).toBe(murmur3("s:user-1", 0) % 10_000);
    // One assertion over the whole array: per-element expect() is slow at 100k keys.
    const outOfRange = buckets.filter((b) => !Number.isInteger(b) || b < 0 || b >= BUCKETS);
    expect(outOfRange).toEqual([]);
  });

  it("is stable for the same salt and key", () => {
    expect(bucketOf(salt, "alice")).toBe(bucketOf(salt, "alice"));
  });
});

describe("isExposed", () => {
  it("exposes nobody at 0 bp and everybody at 10000 bp", () => {
    expect(exposedSet(buckets, 0).size).toBe(0);
    expect(exposedSet(buckets, 10_000).size).toBe(keys.length);
    expect(isExposed(0, 0)).toBe(false);
    expect(isExposed(9_999, 10_000)).toBe(true);
  });

  it("ramps monotonically: each higher percentage is a superset of the lower one", () => {
    const steps = [0, 100, 500, 2_500, 5_000, 9_990, 10_000]; // 0, 1, 5, 25, 50, 99.9, 100 %
    let previous = exposedSet(buckets, steps[0]!);
    for (const bp of steps.slice(1)) {
      const current = exposedSet(buckets, bp);
      const lost = [...previous].filter((i) => !current.has(i));
      expect(lost).toEqual([]);
      expect(current.size).toBeGreaterThanOrEqual(previous.size);
      previous = current;
    }
  });

  it.each([
    [500, 0.05],
    [2_500, 0.25],
    [5_000, 0.5],
  ])("exposes %i bp of 100,000 random keys within ±0.5 points", (bp, share) => {
    const actual = exposedSet(buckets, bp).size / keys.length;
    expect(Math.abs(actual - share)).toBeLessThan(0.005);
  });

  it("assigns independently under different salts (50% ∩ 50% ≈ 25%)", () => {
    const other = keys.map((key) => bucketOf("release-search-v3", key));
    const a = exposedSet(buckets, 5_000);
    const b = exposedSet(other, 5_000);
    let both = 0;
    for (const i of a) if (b.has(i)) both++;
    expect(Math.abs(both / keys.length - 0.25)).toBeLessThan(0.01);
    // Sanity: the salt actually changes buckets for most keys.
    const changed = other.filter((bucket, i) => bucket !== buckets[i]).length;
    expect(changed / keys.length).toBeGreaterThan(0.99);
  });
});
