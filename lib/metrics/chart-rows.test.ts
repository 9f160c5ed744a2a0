import { describe, expect, it } from "vitest";
import {
  cohortChanges,
  exposureRows,
  firstExposureAt,
  hasValues,
  isEmptyPayload,
  metricRows,
  percentAt,
  perUserRows,
} from "./chart-rows";
import type { MetricSeriesResult } from "./metric-types";
import type { RolloutTimeline } from "./release-chart-types";

const range = { from: 0, to: 600_000 };
const timeline: RolloutTimeline = {
  initial: { beta: 0, default: 0 },
  changes: [
    {
      at: 120_000,
      actorName: "Eddie Editor",
      action: "rollout.started",
      summary: "Started",
      percentByCohort: { beta: 0, default: 0 },
    },
    {
      at: 180_000,
      actorName: "Erin Editor",
      action: "rollout.percentages_set",
      summary: "Set beta default → 50%",
      percentByCohort: { beta: 50, default: 0 },
    },
    {
      at: 400_000,
      actorName: "Ada Admin",
      action: "rollout.promoted",
      summary: "Promoted",
      percentByCohort: { beta: 100, default: 100 },
    },
  ],
};

describe("cohortChanges / percentAt", () => {
  it("keeps only the changes that moved this cohort, with from → to and who", () => {
    expect(cohortChanges(timeline, "beta")).toEqual([
      { at: 180_000, actorName: "Erin Editor", summary: "Set beta default → 50%", from: 0, to: 50 },
      { at: 400_000, actorName: "Ada Admin", summary: "Promoted", from: 50, to: 100 },
    ]);
    expect(cohortChanges(timeline, "default").map((c) => c.actorName)).toEqual(["Ada Admin"]);
  });

  it("steps at each change", () => {
    expect([0, 179_999, 180_000, 399_999, 400_000, 600_000].map((t) => percentAt(timeline, "beta", t))).toEqual([
      0, 0, 50, 50, 100, 100,
    ]);
  });
});

describe("metricRows", () => {
  const series: MetricSeriesResult[] = [
    { cohortKey: "beta", variant: "treatment", stat: "p95", points: [{ t: 240_000, value: 310, samples: 40 }] },
    {
      cohortKey: "beta",
      variant: "control",
      stat: "p95",
      points: [
        { t: 240_000, value: 200, samples: 60 },
        { t: 300_000, value: 210, samples: 55 },
      ],
    },
    { cohortKey: "beta", variant: "treatment", stat: "p50", points: [{ t: 240_000, value: 99, samples: 40 }] },
    { cohortKey: "eu", variant: "treatment", stat: "p95", points: [{ t: 60_000, value: 1, samples: 1 }] },
  ];

  it("merges both variants of one cohort and stat by time, with the range edges and the cohort's changes", () => {
    const rows = metricRows(series, timeline, "beta", "p95", range);
    expect(
      rows.map((r) => [
        r.t,
        r.treatment,
        r.control,
        r.treatmentSamples,
        r.controlSamples,
        r.rollout,
        r.change?.actorName ?? null,
      ]),
    ).toEqual([
      [0, null, null, null, null, 0, null],
      [180_000, null, null, null, null, 50, "Erin Editor"],
      [240_000, 310, 200, 40, 60, 50, null],
      [300_000, null, 210, null, 55, 50, null],
      [400_000, null, null, null, null, 100, "Ada Admin"],
      [600_000, null, null, null, null, 100, null],
    ]);
    expect(hasValues(rows)).toBe(true);
    expect(hasValues(metricRows(series, timeline, "default", "p95", range))).toBe(false);
  });
});

describe("exposureRows", () => {
  it("draws distinct users when the store counted them, evaluations otherwise", () => {
    const withUsers = exposureRows(
      {
        error: null,
        series: [{ cohortKey: "beta", variant: "treatment", points: [{ t: 240_000, evaluations: 90, users: 30 }] }],
      },
      timeline,
      "beta",
      range,
    );
    expect(withUsers.measure).toBe("users");
    expect(withUsers.rows.find((r) => r.t === 240_000)).toMatchObject({
      treatment: 30,
      treatmentSamples: 90,
      control: null,
    });

    const countsOnly = exposureRows(
      {
        error: null,
        series: [{ cohortKey: "beta", variant: "control", points: [{ t: 240_000, evaluations: 90, users: null }] }],
      },
      timeline,
      "beta",
      range,
    );
    expect(countsOnly.measure).toBe("evaluations");
    expect(countsOnly.rows.find((r) => r.t === 240_000)).toMatchObject({ control: 90 });

    expect(exposureRows({ error: null, series: [] }, timeline, "beta", range).measure).toBe("users");
  });
});

describe("isEmptyPayload", () => {
  it("is empty until any metric or exposure has a point", () => {
    const empty = { metrics: [], exposures: { series: [], error: null } };
    expect(isEmptyPayload(empty)).toBe(true);
    expect(
      isEmptyPayload({
        ...empty,
        exposures: {
          error: null,
          series: [{ cohortKey: "beta", variant: "control", points: [{ t: 1, evaluations: 0, users: 0 }] }],
        },
      }),
    ).toBe(true);
    expect(
      isEmptyPayload({
        ...empty,
        exposures: {
          error: null,
          series: [{ cohortKey: "beta", variant: "control", points: [{ t: 1, evaluations: 3, users: 1 }] }],
        },
      }),
    ).toBe(false);
  });
});

describe("perUserRows", () => {
  it("draws a count per exposed user of the same variant and step, with the users as samples", () => {
    const counts: MetricSeriesResult[] = [
      { cohortKey: "beta", variant: "treatment", stat: "value", points: [{ t: 240_000, value: 3, samples: 3 }] },
      {
        cohortKey: "beta",
        variant: "control",
        stat: "value",
        points: [
          { t: 60_000, value: 4, samples: 4 },
          { t: 240_000, value: 12, samples: 12 },
        ],
      },
    ];
    const exposures = {
      error: null,
      series: [
        { cohortKey: "beta", variant: "treatment" as const, points: [{ t: 240_000, evaluations: 90, users: 30 }] },
        { cohortKey: "beta", variant: "control" as const, points: [{ t: 240_000, evaluations: 400, users: 120 }] },
      ],
    };
    const rows = perUserRows(counts, exposures, timeline, "beta", range);
    const at = rows.find((r) => r.t === 240_000)!;
    expect(at).toMatchObject({ treatment: 0.1, control: 0.1, treatmentSamples: 30, controlSamples: 120 });
    // Control's step at 1 min had checkouts but nobody was counted as exposed: no per-user value.
    expect(rows.find((r) => r.t === 60_000)).toMatchObject({ control: null });
    expect(firstExposureAt(exposures, "beta")).toBe(240_000);
    expect(firstExposureAt(exposures, "default")).toBeNull();
  });
});
