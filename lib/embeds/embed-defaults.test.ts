import { describe, expect, it } from "vitest";
import type { ReleaseChartData } from "@/lib/metrics/release-chart-types";
import { withCohortsThatHaveData } from "./embed-defaults";

const data: ReleaseChartData = {
  range: { from: 0, to: 3_600_000, stepSeconds: 60 },
  cohorts: [
    { key: "mobile", name: "Mobile app users" },
    { key: "eu", name: "EU shoppers" },
    { key: "staff", name: "Internal staff" },
    { key: "default", name: "Everyone else" },
  ],
  metrics: [
    {
      definition: {
        key: "errors",
        name: "Error rate",
        unit: "",
        kind: "error_rate",
        badDirection: "up",
        source: "builtin",
        query: null,
        sampleQuery: null,
      },
      error: null,
      series: [
        { cohortKey: "mobile", variant: "treatment", stat: "value", points: [{ t: 0, value: 0.1, samples: 10 }] },
        // A series with only empty steps is no data.
        { cohortKey: "eu", variant: "control", stat: "value", points: [{ t: 0, value: null, samples: 0 }] },
      ],
    },
  ],
  exposures: {
    error: null,
    series: [{ cohortKey: "default", variant: "control", points: [{ t: 0, evaluations: 3, users: 2 }] }],
  },
  rollout: { initial: {}, changes: [] },
};

describe("withCohortsThatHaveData", () => {
  it("keeps cohorts with a metric value or an evaluation, in order, and counts the rest", () => {
    const { data: narrowed, leftOut } = withCohortsThatHaveData(data);
    expect(narrowed.cohorts.map((c) => c.key)).toEqual(["mobile", "default"]);
    expect(leftOut).toBe(2);
  });
});
