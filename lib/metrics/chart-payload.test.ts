import { describe, expect, it, vi } from "vitest";
import { ValidationError } from "@/lib/errors/domain-errors";
import { chartCohorts, metricPanels, pickByKey } from "./chart-payload";
import { MetricsBackendError, type MetricDefinitionView, type MetricSeriesResult } from "./metric-types";

const metric = (key: string): MetricDefinitionView => ({
  key,
  name: key.toUpperCase(),
  unit: "ms",
  kind: "latency",
  badDirection: "up",
  source: "builtin",
  query: null,
  sampleQuery: null,
});

const series: MetricSeriesResult[] = [
  { cohortKey: "beta", variant: "treatment", stat: "p95", points: [{ t: 1, value: 2, samples: 3 }] },
];

describe("chartCohorts", () => {
  const team = [
    { key: "beta", name: "Beta testers" },
    { key: "eu", name: "EU" },
  ];

  it("lists the team's cohorts in priority order, then everyone else", () => {
    expect(chartCohorts(team, null)).toEqual([...team, { key: "default", name: "Everyone else" }]);
  });

  it("narrows to the chosen keys in priority order, and refuses unknown ones naming the parameter", () => {
    expect(chartCohorts(team, ["default", "beta"]).map((c) => c.key)).toEqual(["beta", "default"]);
    const error = (() => {
      try {
        chartCohorts(team, ["beta", "apac", "us"]);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({ cohorts: ["Unknown keys: apac, us"] });
  });

  it("an empty choice is an empty list", () => {
    expect(pickByKey([metric("a")], [], "metrics")).toEqual([]);
  });
});

describe("metricPanels", () => {
  it("keeps every metric in order; a failed read becomes that metric's error only", () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const panels = metricPanels(
      [metric("errors"), metric("latency"), metric("checkout")],
      [
        {
          status: "rejected",
          reason: new MetricsBackendError("Prometheus at http://prom:9090 did not answer within 5 s"),
        },
        { status: "fulfilled", value: series },
        { status: "rejected", reason: new TypeError("cannot read properties of undefined (secret internals)") },
      ],
    );
    expect(panels.map((p) => [p.definition.key, p.error, p.series])).toEqual([
      ["errors", "Prometheus at http://prom:9090 did not answer within 5 s", []],
      ["latency", null, series],
      ["checkout", "Could not read CHECKOUT: unexpected error (logged on the server)", []],
    ]);
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });
});
