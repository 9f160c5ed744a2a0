import { describe, expect, it } from "vitest";
import { summariseRollout } from "./rollout-summary";

describe("summariseRollout", () => {
  it("counts cohorts fully in, ramping and not started, cohorts without a value following everyone else", () => {
    const summary = summariseRollout({
      status: "rolling",
      defaultBasisPoints: 0,
      cohorts: [
        { basisPoints: 10_000 },
        { basisPoints: 10_000 },
        { basisPoints: 500 },
        { basisPoints: 2_500 },
        { basisPoints: 2_000 },
        { basisPoints: null },
      ],
    });
    expect(summary).toEqual({
      maxBasisPoints: 10_000,
      headline: "Up to 100%",
      detail: "2 cohorts at 100%, 3 ramping (5%–25%), 1 at 0% · everyone else 0%",
    });
  });

  it("says 'everyone' when every cohort gets what everyone else gets", () => {
    expect(
      summariseRollout({
        status: "paused",
        defaultBasisPoints: 5_000,
        cohorts: [{ basisPoints: null }, { basisPoints: 5_000 }],
      }),
    ).toEqual({
      maxBasisPoints: 5_000,
      headline: "Everyone at 50%",
      detail: "2 ramping (50%) · everyone else 50%",
    });
  });

  it("counts everyone else in the highest share", () => {
    const summary = summariseRollout({ status: "rolling", defaultBasisPoints: 1_250, cohorts: [{ basisPoints: 100 }] });
    expect(summary.maxBasisPoints).toBe(1_250);
    expect(summary.headline).toBe("Up to 12.5%");
    expect(summary.detail).toBe("1 ramping (1%) · everyone else 12.5%");
  });

  it("applies status overrides: a draft exposes nobody, a promoted release everyone", () => {
    const cohorts = [{ basisPoints: 10_000 }, { basisPoints: null }];
    expect(summariseRollout({ status: "draft", defaultBasisPoints: 500, cohorts }).detail).toBe(
      "2 at 0% · everyone else 0%",
    );
    expect(summariseRollout({ status: "promoted", defaultBasisPoints: 500, cohorts }).headline).toBe(
      "Everyone at 100%",
    );
  });

  it("works for a team without cohorts", () => {
    expect(summariseRollout({ status: "rolling", defaultBasisPoints: 300, cohorts: [] })).toEqual({
      maxBasisPoints: 300,
      headline: "Everyone at 3%",
      detail: "everyone else 3%",
    });
  });
});
