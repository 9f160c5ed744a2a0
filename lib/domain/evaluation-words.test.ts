import { describe, expect, it } from "vitest";
import { describeMatches, describeOutcome, REASON_WORDS } from "./evaluation-words";

const rolling = { status: "rolling" as const, reason: "SPLIT" as const };

describe("describeOutcome", () => {
  it("says where the bucket fell, never 'exposed when bucket < N'", () => {
    expect(describeOutcome({ ...rolling, value: true, bucket: 1234, basisPoints: 2000 }, "Mobile app users")).toBe(
      "Exposed: bucket 1234 is inside the first 20% (Mobile app users is at 20%, so buckets 0 to 1999 of 10000 get it).",
    );
    expect(describeOutcome({ ...rolling, value: false, bucket: 4431, basisPoints: 2000 }, "Everyone else")).toBe(
      "Not exposed: bucket 4431 is outside the first 20% (everyone else is at 20%, so buckets 0 to 1999 of 10000 get it).",
    );
  });

  it("names a cohort at 0% or 100% and what the status decided", () => {
    const off = {
      value: false,
      reason: "TARGETING_MATCH" as const,
      bucket: 17,
      basisPoints: 0,
      status: "rolling" as const,
    };
    expect(describeOutcome(off, "Mobile app users")).toBe("Not exposed: Mobile app users is at 0%.");
    expect(describeOutcome({ ...off, value: true, basisPoints: 10000 }, "Internal staff")).toBe(
      "Exposed: Internal staff is at 100%.",
    );
    const decided = { value: false, reason: "DISABLED" as const, bucket: null, basisPoints: 0 };
    expect(describeOutcome({ ...decided, status: "draft" }, "x")).toMatch(/draft/);
    expect(describeOutcome({ ...decided, status: "rolled_back" }, "x")).toMatch(/rolled back/);
    expect(describeOutcome({ ...decided, value: true, status: "promoted", basisPoints: 10000 }, "x")).toMatch(
      /promoted, so everyone/,
    );
  });

  it("has words for every reason code", () => {
    expect(Object.values(REASON_WORDS).every((w) => w.length > 0 && w !== w.toUpperCase())).toBe(true);
  });
});

describe("describeMatches", () => {
  it("says nothing for one match or none", () => {
    expect(describeMatches([])).toBeNull();
    expect(describeMatches([{ name: "Mobile app users" }])).toBeNull();
  });

  it("names the winner by priority and the cohorts it shadows", () => {
    expect(describeMatches([{ name: "Mobile app users" }, { name: "iOS power users in DE" }])).toBe(
      "2 cohorts match this user. Mobile app users decides because it comes first by priority; iOS power users in DE is ignored for this user.",
    );
    expect(describeMatches([{ name: "A" }, { name: "B" }, { name: "C" }])).toMatch(/; B and C are ignored/);
  });
});
