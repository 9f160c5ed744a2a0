import { describe, expect, it } from "vitest";
import { formatPromqlDuration } from "./promql-duration";

// model.ParseDuration's grammar, minus years and weeks which we never emit.
const PROMQL_DURATION = /^(\d+d)?(\d+h)?(\d+m)?(\d+s)?(\d+ms)?$/;

describe("formatPromqlDuration", () => {
  it.each([
    [60_000, "1m"],
    [300_000, "5m"],
    [3_600_000, "1h"],
    [5_400_000, "1h30m"],
    [90_000, "1m30s"],
    [86_400_000, "1d"],
    [7 * 86_400_000, "7d"],
    [86_400_000 + 1_000, "1d1s"],
    [1_500, "1s500ms"],
    [1, "1ms"],
  ])("%i ms is %s", (ms, text) => {
    expect(formatPromqlDuration(ms)).toBe(text);
    expect(text).toMatch(PROMQL_DURATION);
  });

  it("rounds to the millisecond and never answers a zero range", () => {
    expect(formatPromqlDuration(1_000.4)).toBe("1s");
    expect(formatPromqlDuration(0)).toBe("1ms");
    expect(formatPromqlDuration(-5)).toBe("1ms");
  });

  it("refuses what is not a number of milliseconds", () => {
    expect(() => formatPromqlDuration(Number.NaN)).toThrow(RangeError);
    expect(() => formatPromqlDuration(Infinity)).toThrow(RangeError);
  });
});
