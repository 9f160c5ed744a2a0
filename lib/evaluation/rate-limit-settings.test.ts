import { describe, expect, it } from "vitest";
import { ingestRateLimitsFromEnv } from "./ingest-rate-limits";
import { DEFAULT_SDK_RATE_LIMIT, sdkRateLimiterFromEnv } from "./rate-limit-settings";

// The fastest single instance measured (docs/evaluation-api.md, npm run bench:evaluate) serves
// about 22,000 evaluations/s; the default must sit well above that for one SDK key.
const MEASURED_INSTANCE_CAPACITY = 22_000;

describe("per-key rate limits from the environment", () => {
  it("by default one SDK key can use all of an instance: no 429 at several times its measured capacity", () => {
    expect(DEFAULT_SDK_RATE_LIMIT).toBeGreaterThanOrEqual(4 * MEASURED_INSTANCE_CAPACITY);
    let now = 0;
    const limiter = sdkRateLimiterFromEnv({}, () => now);
    // Ten simulated seconds at 4× the measured capacity, 1 ms apart.
    const perMs = (4 * MEASURED_INSTANCE_CAPACITY) / 1000;
    let refused = 0;
    for (let ms = 0; ms < 10_000; ms++, now++)
      for (let i = 0; i < perMs; i++) if (limiter.take("one-key") > 0) refused++;
    expect(refused).toBe(0);
  });

  it("takes a rate and a burst; 0 turns the limit off; anything else stops the start-up with the variable's name", () => {
    expect(sdkRateLimiterFromEnv({ GLIDEPATH_SDK_RATE_LIMIT: "50", GLIDEPATH_SDK_RATE_BURST: "60" })).toMatchObject({
      ratePerSecond: 50,
      burst: 60,
    });
    expect(sdkRateLimiterFromEnv({ GLIDEPATH_SDK_RATE_LIMIT: "50" })).toMatchObject({ ratePerSecond: 50, burst: 100 });
    expect(sdkRateLimiterFromEnv({ GLIDEPATH_SDK_RATE_LIMIT: "0" }).take("k")).toBe(0);
    for (const bad of ["ten", "-1", "Infinity", "1e400"]) {
      expect(() => sdkRateLimiterFromEnv({ GLIDEPATH_SDK_RATE_LIMIT: bad })).toThrow(
        `GLIDEPATH_SDK_RATE_LIMIT must be a number ≥ 0 (0 turns the limit off), got "${bad}"`,
      );
    }
  });

  it("ingest: 500 requests/s and 50,000 observations/s per key by default, each settable", () => {
    expect(ingestRateLimitsFromEnv({})).toMatchObject({
      requests: { ratePerSecond: 500, burst: 1_000 },
      observations: { ratePerSecond: 50_000, burst: 100_000 },
    });
    expect(
      ingestRateLimitsFromEnv({ GLIDEPATH_INGEST_RATE_LIMIT: "2", GLIDEPATH_INGEST_OBSERVATION_RATE_LIMIT: "0" }),
    ).toMatchObject({ requests: { ratePerSecond: 2 }, observations: { ratePerSecond: 0 } });
    expect(() => ingestRateLimitsFromEnv({ GLIDEPATH_INGEST_OBSERVATION_RATE_LIMIT: "lots" })).toThrow(
      "GLIDEPATH_INGEST_OBSERVATION_RATE_LIMIT",
    );
  });
});
