import { describe, expect, it } from "vitest";
import type { MetricDefinitionView, MetricKind } from "../metric-types";
import { checkObservation, contributionOf } from "./apply-observation";
import { observationSchema, type Observation } from "./observation-schema";

const metric = (kind: MetricKind): MetricDefinitionView => ({
  key: kind,
  name: kind,
  unit: "",
  kind,
  badDirection: "up",
  source: "builtin",
  query: null,
  sampleQuery: null,
});
const base = { metric: "m", release: "r", cohort: "eu", variant: "control" as const };
const check = (kind: MetricKind, fields: Partial<Observation>) =>
  checkObservation({ ...base, ...fields }, metric(kind));

describe("checkObservation: plausible ranges per kind", () => {
  it("refuses the issue's latency that overflowed the store, naming the field", () => {
    expect(check("latency", { value: 1e300, count: 1_000_000_000 })).toMatchObject({ field: "value" });
    expect(check("latency", { value: 1e-9 })).toMatchObject({ field: "value" });
    expect(check("latency", { value: 1e9 + 1 })).toMatchObject({ field: "value" });
    expect(check("latency", { value: 0 })).toBeNull();
    expect(check("latency", { value: 0.000001 })).toBeNull();
    expect(check("latency", { value: 184.5, count: 1_000_000_000 })).toBeNull();
  });

  it("refuses count values past 1e9 events per item (two of 1.7e308 overflowed a minute)", () => {
    expect(check("count", { value: 1.7e308 })).toMatchObject({ field: "value" });
    expect(check("count", { value: 1e9 })).toBeNull();
    expect(check("count", { count: 1_000_000_000 })).toBeNull();
  });

  it("bounds means, sample by sample or as count and sum", () => {
    expect(check("mean", { value: 1e13 })).toMatchObject({ field: "value" });
    expect(check("mean", { value: -1e12 })).toBeNull();
    expect(check("mean", { count: 2, sum: 3e12 })).toMatchObject({ field: "sum" });
    expect(check("mean", { count: 2, sum: 2e12 })).toBeNull();
  });

  it("keeps error rates to 0/1 or errors among requests", () => {
    expect(check("error_rate", { value: 2 })).toMatchObject({ field: "value" });
    expect(check("error_rate", { count: 10, sum: 11 })).toMatchObject({ field: "sum" });
    expect(check("error_rate", { count: 10, sum: 1 })).toBeNull();
  });

  it("refuses counts past 1e9 and non-finite numbers in the schema", () => {
    for (const item of [
      { ...base, value: 1, count: 1e10 },
      { ...base, value: Infinity },
      { ...base, count: 2, sum: Number.NaN },
    ]) {
      expect(observationSchema.safeParse(item).success).toBe(false);
    }
  });
});

describe("contributionOf", () => {
  it("keeps latency samples for the sketch and folds every other kind into count and sum", () => {
    expect(contributionOf({ ...base, value: 120, count: 3 }, metric("latency"))).toEqual({
      sample: true,
      first: 120,
      second: 3,
    });
    expect(contributionOf({ ...base, value: 30, count: 2 }, metric("mean"))).toEqual({
      sample: false,
      first: 2,
      second: 60,
    });
    expect(contributionOf({ ...base, count: 7 }, metric("count"))).toEqual({ sample: false, first: 7, second: 7 });
    expect(contributionOf({ ...base, count: 100, sum: 2 }, metric("error_rate"))).toEqual({
      sample: false,
      first: 100,
      second: 2,
    });
  });
});
