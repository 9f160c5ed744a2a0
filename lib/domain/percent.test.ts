import { describe, expect, it } from "vitest";
import {
  MAX_BASIS_POINTS,
  basisPointsToPercent,
  formatBasisPoints,
  parsePercentInput,
  percentToBasisPoints,
} from "./percent";

describe("percentToBasisPoints", () => {
  it.each([
    [0, 0],
    [0.1, 10],
    [0.01, 1],
    [12.35, 1_235],
    [25, 2_500],
    [33.3, 3_330],
    [99.9, 9_990],
    [100, 10_000],
    [0.004, 0],
    [0.005, 1],
  ])("%d%% -> %i bp", (percent, bp) => {
    expect(percentToBasisPoints(percent)).toBe(bp);
  });

  it("round-trips every 0.1% UI step exactly", () => {
    for (let step = 0; step <= 1_000; step++) {
      const percent = step / 10;
      expect(percentToBasisPoints(percent)).toBe(step * 10);
      expect(basisPointsToPercent(step * 10)).toBe(percent);
    }
  });

  it("clamps out-of-range values and rejects non-finite ones", () => {
    expect(percentToBasisPoints(-5)).toBe(0);
    expect(percentToBasisPoints(150)).toBe(MAX_BASIS_POINTS);
    expect(() => percentToBasisPoints(Number.NaN)).toThrow(RangeError);
    expect(() => percentToBasisPoints(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe("formatBasisPoints", () => {
  it.each([
    [0, "0%"],
    [1, "0.01%"],
    [50, "0.5%"],
    [1_235, "12.35%"],
    [2_500, "25%"],
    [2_510, "25.1%"],
    [9_990, "99.9%"],
    [10_000, "100%"],
  ])("%i bp -> %s", (bp, text) => {
    expect(formatBasisPoints(bp)).toBe(text);
  });
});

describe("parsePercentInput", () => {
  it.each([
    ["25", 2_500],
    ["25%", 2_500],
    [" 12.5 ", 1_250],
    ["12.5 %", 1_250],
    ["0.1", 10],
    ["0", 0],
    ["100", 10_000],
    ["100.00", 10_000],
    ["12.35", 1_235],
    [".5", 50],
    ["7.", 700],
    ["12.500", 1_250],
  ])("accepts %j as %i bp", (text, basisPoints) => {
    expect(parsePercentInput(text)).toEqual({ ok: true, basisPoints });
  });

  it.each([
    ["", "Enter a percentage between 0 and 100"],
    ["   ", "Enter a percentage between 0 and 100"],
    ["%", "Enter a percentage between 0 and 100"],
    ["abc", "Enter a number between 0 and 100"],
    ["NaN", "Enter a number between 0 and 100"],
    ["Infinity", "Enter a number between 0 and 100"],
    ["-1", "Enter a number between 0 and 100"],
    ["101", "Enter a number between 0 and 100"],
    ["100.01", "Enter a number between 0 and 100"],
    ["1e3", "Enter a number between 0 and 100"],
    ["0x10", "Enter a number between 0 and 100"],
    ["12,5", "Enter a number between 0 and 100"],
    ["25%%", "Enter a number between 0 and 100"],
    ["12.345", "Use at most 2 decimal places (e.g. 12.25)"],
  ])("rejects %j", (text, error) => {
    expect(parsePercentInput(text)).toEqual({ ok: false, error });
  });
});
