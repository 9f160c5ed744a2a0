import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limiter";

function clock() {
  let now = 0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("RateLimiter", () => {
  it("allows the burst, then the rate, per key, and says how long to wait", () => {
    const time = clock();
    const limiter = new RateLimiter(10, 20, time.now);
    for (let i = 0; i < 20; i++) expect(limiter.take("a")).toBe(0);
    expect(limiter.take("a")).toBe(1);
    expect(limiter.take("b")).toBe(0);
    time.advance(500);
    for (let i = 0; i < 5; i++) expect(limiter.take("a")).toBe(0);
    expect(limiter.take("a")).toBeGreaterThan(0);
  });

  it("a batch costs its size; one bigger than the burst passes once the bucket is full", () => {
    const time = clock();
    const limiter = new RateLimiter(100, 200, time.now);
    expect(limiter.take("k", 150)).toBe(0);
    expect(limiter.take("k", 150)).toBe(1);
    time.advance(1_000);
    expect(limiter.take("k", 150)).toBe(0);
    time.advance(10_000);
    expect(limiter.take("k", 5_000)).toBe(0);
    expect(limiter.take("k", 1)).toBe(1);
    // Waiting for a whole burst at 100/s takes two seconds.
    expect(limiter.take("k", 5_000)).toBe(2);
  });

  it("a rate of 0 is no limit", () => {
    const limiter = new RateLimiter(0);
    for (let i = 0; i < 1_000; i++) expect(limiter.take("k", 10_000)).toBe(0);
  });
});
