import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors/domain-errors";
import { parseChartQuery, parseInstant, windowBounds } from "./chart-query";

const q = (query: string) => parseChartQuery(new URLSearchParams(query));

function fieldOf(query: string): string[] {
  try {
    q(query);
  } catch (error) {
    if (error instanceof ValidationError) return Object.keys(error.fieldErrors);
    throw error;
  }
  throw new Error(`"${query}" was accepted`);
}

describe("parseChartQuery", () => {
  it("defaults to the last 6 hours, every metric and cohort, the default environment", () => {
    expect(q("")).toEqual({
      environmentKey: null,
      window: { kind: "named", range: "6h" },
      metricKeys: null,
      cohortKeys: null,
    });
  });

  it("reads named ranges, environment and key lists (trimmed, deduplicated)", () => {
    expect(q("env=staging&range=7d&metrics=errors, latency,errors&cohorts=beta,default")).toEqual({
      environmentKey: "staging",
      window: { kind: "named", range: "7d" },
      metricKeys: ["errors", "latency"],
      cohortKeys: ["beta", "default"],
    });
    expect(q("metrics=").metricKeys).toEqual([]);
  });

  it("reads custom ranges in ISO 8601 or epoch ms", () => {
    expect(q("from=2026-01-01T00:00:00Z&to=1767229200000").window).toEqual({
      kind: "custom",
      from: Date.parse("2026-01-01T00:00:00Z"),
      to: 1767229200000,
    });
  });

  it("names the parameter that is wrong", () => {
    expect(fieldOf("range=2h")).toEqual(["range"]);
    expect(fieldOf("range=toString")).toEqual(["range"]);
    expect(fieldOf("range=1h&from=1&to=2")).toEqual(["range"]);
    expect(fieldOf("to=2026-01-01T00:00:00Z")).toEqual(["from"]);
    expect(fieldOf("from=2026-01-01T00:00:00Z")).toEqual(["to"]);
    expect(fieldOf("from=yesterday&to=2026-01-01T00:00:00Z")).toEqual(["from"]);
    expect(fieldOf("from=2026-01-01T00:00:00Z&to=Jan 2 2026")).toEqual(["to"]);
    expect(fieldOf("from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z")).toEqual(["from"]);
    expect(fieldOf("from=1000&to=1000")).toEqual(["from"]);
    expect(fieldOf("from=2026-01-01T00:00:00Z&to=2026-04-02T00:00:00Z")).toEqual(["to"]);
    expect(fieldOf(`metrics=${"x".repeat(65)}`)).toEqual(["metrics"]);
  });

  it("accepts exactly 90 days", () => {
    expect(q("from=2026-01-01T00:00:00Z&to=2026-04-01T00:00:00Z").window.kind).toBe("custom");
  });
});

describe("parseInstant", () => {
  it("takes epoch ms and ISO dates with or without a zone; nothing else", () => {
    expect(parseInstant("0")).toBe(0);
    expect(parseInstant("2026-03-01")).toBe(Date.parse("2026-03-01"));
    expect(parseInstant("2026-03-01T10:00:00+02:00")).toBe(Date.parse("2026-03-01T08:00:00Z"));
    expect(parseInstant("1e12")).toBeNull();
    expect(parseInstant("2026-13-45T00:00:00Z")).toBeNull();
    expect(parseInstant("March 1")).toBeNull();
  });
});

describe("windowBounds", () => {
  it("ends a named range now and keeps a custom one as given", () => {
    expect(windowBounds({ kind: "named", range: "1h" }, 10_000_000)).toEqual({
      from: 10_000_000 - 3_600_000,
      to: 10_000_000,
    });
    expect(windowBounds({ kind: "custom", from: 5, to: 9 }, 10_000_000)).toEqual({ from: 5, to: 9 });
  });
});
