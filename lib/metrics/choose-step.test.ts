import { describe, expect, it } from "vitest";
import { chooseStep, MAX_POINTS, NAMED_RANGES, resolutionFor } from "./choose-step";

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
