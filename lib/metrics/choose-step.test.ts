import { describe, expect, it } from "vitest";
import { chartStep, chooseStep, CHART_POINTS, MAX_POINTS, NAMED_RANGES, resolutionFor, stepWords } from "./choose-step";

describe("chooseStep", () => {
  it("gives minute points for an hour and six hours", () => {
    expect(chooseStep(NAMED_RANGES["1h"])).toBe(60);
    expect(chooseStep(NAMED_RANGES["6h"])).toBe(60);
  });

  it("keeps 24 h and 7 d on a single stored resolution", () => {
    expect(chooseStep(NAMED_RANGES["24h"])).toBe(300);
    expect(chooseStep(NAMED_RANGES["7d"])).toBe(3600);
    expect(resolutionFor(300)).toBe(300);
    expect(resolutionFor(3600)).toBe(3600);
  });

  it("never exceeds the point budget, from a minute to ten years", () => {
    for (let range = 60_000; range < 10 * 365 * 86_400_000; range = Math.ceil(range * 1.37)) {
      const step = chooseStep(range);
      expect(Math.ceil(range / 1000 / step)).toBeLessThanOrEqual(MAX_POINTS);
      expect(step % resolutionFor(step)).toBe(0);
    }
  });

  it("reads the coarsest resolution that divides the step", () => {
    expect(resolutionFor(900)).toBe(300);
    expect(resolutionFor(3 * 3600)).toBe(3600);
    expect(resolutionFor(7 * 86400)).toBe(86400);
  });
});

describe("chartStep", () => {
  it("draws coarser steps than the store could answer, so a line isn't mostly noise", () => {
    expect(chartStep(NAMED_RANGES["1h"])).toBe(60);
    expect(chartStep(NAMED_RANGES["6h"])).toBe(300);
    expect(chartStep(NAMED_RANGES["24h"])).toBe(900);
    expect(chartStep(NAMED_RANGES["7d"])).toBe(3600);
  });

  it("keeps every range at or under the chart's point budget", () => {
    for (let range = 60_000; range < 90 * 86_400_000; range = Math.ceil(range * 1.37)) {
      expect(Math.ceil(range / 1000 / chartStep(range))).toBeLessThanOrEqual(CHART_POINTS);
    }
  });

  it("names the step in words", () => {
    expect(stepWords(60)).toBe("1-minute steps");
    expect(stepWords(300)).toBe("5-minute steps");
    expect(stepWords(900)).toBe("15-minute steps");
    expect(stepWords(3600)).toBe("1-hour steps");
    expect(stepWords(3 * 3600)).toBe("3-hour steps");
    expect(stepWords(86400)).toBe("1-day steps");
  });
});
