import { describe, expect, it } from "vitest";
import { chartColumnsOf, chartDataOf } from "./chart-columns";
import { decodeChartData, encodeChartColumns, encodeChartData } from "./chart-wire";
import { legacyEncodeChartData } from "@/test/support/legacy-chart-wire";
import type { ReleaseChartData } from "./release-chart-types";

const from = Date.UTC(2026, 10, 28, 10, 3);
const step = 300_000;
const aligned = Math.floor(from / step) * step;

const data: ReleaseChartData = {
  range: { from, to: from + 3_600_000, stepSeconds: 300 },
  cohorts: [
    { key: "eu", name: "EU" },
    { key: "default", name: "Everyone else" },
  ],
  metrics: [
    {
      definition: {
        key: "errors",
        name: "Errors",
        unit: "%",
        kind: "error_rate",
        badDirection: "up",
        source: "builtin",
        query: null,
        sampleQuery: null,
      },
      error: null,
      series: [
        {
          cohortKey: "eu",
          variant: "treatment",
          stat: "value",
          points: [
            { t: aligned, value: 0.0123456789, samples: 812 },
            { t: aligned + 2 * step, value: null, samples: null },
          ],
        },
        { cohortKey: "eu", variant: "control", stat: "value", points: [] },
      ],
    },
    {
      definition: {
        key: "p",
        name: "P",
        unit: "",
        kind: "count",
        badDirection: "up",
        source: "prometheus",
        query: "x",
        sampleQuery: null,
      },
      error: "Prometheus is unreachable",
      series: [],
    },
  ],
  exposures: {
    error: null,
    series: [{ cohortKey: "eu", variant: "control", points: [{ t: aligned + step, evaluations: 40, users: 12 }] }],
  },
  rollout: {
    initial: { eu: 25, default: 0 },
    changes: [
      {
        at: from + 60_000,
        actorName: "Ada",
        action: "release.rollout_changed",
        summary: "EU 25% → 50%",
        percentByCohort: { eu: 50, default: 0 },
      },
    ],
  },
};

describe("chart wire format", () => {
  it("round-trips the payload, with values to six significant digits", () => {
    const decoded = decodeChartData(JSON.parse(JSON.stringify(encodeChartData(data))));
    const expected = structuredClone(data);
    expected.metrics[0]!.series[0]!.points[0]!.value = 0.0123457;
    expect(decoded).toEqual(expected);
  });

  it("rounds large and small numbers without float noise, and keeps whole numbers exact", () => {
    const encoded = encodeChartData({
      ...data,
      metrics: [
        {
          ...data.metrics[0]!,
          series: [
            {
              cohortKey: "eu",
              variant: "treatment",
              stat: "value",
              points: [12_345_678.9, 0.000123456789, 987.654321, -42.0000001, 1_234_567].map((value, i) => ({
                t: aligned + i * step,
                value,
                samples: 1,
              })),
            },
          ],
        },
      ],
    });
    expect(encoded.metrics[0]!.series[0]!.y).toEqual([12_345_700, 0.000123457, 987.654, -42, 1_234_567]);
  });

  it("is much smaller than one object per point", () => {
    const points = Array.from({ length: 288 }, (_, i) => ({
      t: aligned + i * step,
      value: Math.random(),
      samples: 1000 + i,
    }));
    const big: ReleaseChartData = {
      ...data,
      metrics: [{ ...data.metrics[0]!, series: [{ cohortKey: "eu", variant: "treatment", stat: "value", points }] }],
    };
    expect(JSON.stringify(encodeChartData(big)).length).toBeLessThan(JSON.stringify(big).length * 0.5);
  });

  it("encodes columns as the points they stand for, and converts between the two shapes losslessly", () => {
    const columns = chartColumnsOf(data);
    expect(columns.metrics[0]!.series[0]).toEqual({
      cohortKey: "eu",
      variant: "treatment",
      stat: "value",
      t: [aligned, aligned + 2 * step],
      values: [0.0123456789, null],
      samples: [812, null],
    });
    expect(chartDataOf(columns)).toEqual(data);
    expect(JSON.stringify(encodeChartColumns(columns))).toBe(JSON.stringify(encodeChartData(data)));
  });

  it("writes the same JSON as the point encoder it replaced, for values of every magnitude", () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const values = Array.from({ length: 20_000 }, (_, k) => {
      if (k % 50 === 0) return null;
      if (k % 7 === 0) return Math.round(random() * 1e6);
      return (random() - 0.3) * 10 ** Math.floor(random() * 640 - 320);
    });
    const series = [
      {
        cohortKey: "eu",
        variant: "treatment" as const,
        stat: "value" as const,
        points: values.map((value, k) => ({ t: aligned + k * step, value, samples: k })),
      },
    ];
    const many: ReleaseChartData = { ...data, metrics: [{ ...data.metrics[0]!, series }] };
    expect(JSON.stringify(encodeChartColumns(chartColumnsOf(many)))).toBe(JSON.stringify(legacyEncodeChartData(many)));
  });
});
