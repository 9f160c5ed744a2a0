import { describe, expect, it } from "vitest";
import { effectiveBasisPoints } from "./effective-basis-points";
import { evaluate } from "./evaluate";
import { RELEASE_STATUSES, type ReleaseStatus } from "./rollout-state";

describe("effectiveBasisPoints", () => {
  it("serves the configured share while rolling out or paused", () => {
    for (const status of ["rolling", "paused"] as const) {
      expect(effectiveBasisPoints(status, 0)).toBe(0);
      expect(effectiveBasisPoints(status, 2_550)).toBe(2_550);
      expect(effectiveBasisPoints(status, 10_000)).toBe(10_000);
    }
  });

  it("serves everyone once promoted, whatever was configured", () => {
    expect(effectiveBasisPoints("promoted", 0)).toBe(10_000);
    expect(effectiveBasisPoints("promoted", 2_550)).toBe(10_000);
  });

  it("serves nobody in a draft or after a roll back, whatever was configured", () => {
    for (const status of ["draft", "rolled_back"] as const) {
      expect(effectiveBasisPoints(status, 2_550)).toBe(0);
      expect(effectiveBasisPoints(status, 10_000)).toBe(0);
    }
  });

  it("fails closed on a status it doesn't know (an unchecked string from storage)", () => {
    expect(effectiveBasisPoints("archived" as ReleaseStatus, 5_000)).toBe(0);
  });

  it("is the share evaluate() applies, for every status", () => {
    for (const status of RELEASE_STATUSES) {
      const release = {
        key: "r",
        salt: "s",
        status,
        defaultBasisPoints: 2_550,
        cohortBasisPoints: new Map([["beta", 700]]),
      };
      const cohorts = [{ key: "beta", matches: (c: { targetingKey?: string }) => c.targetingKey === "alice" }];
      expect(evaluate(release, cohorts, { targetingKey: "alice" }).basisPoints).toBe(effectiveBasisPoints(status, 700));
      expect(evaluate(release, cohorts, { targetingKey: "bob" }).basisPoints).toBe(effectiveBasisPoints(status, 2_550));
    }
  });
});
