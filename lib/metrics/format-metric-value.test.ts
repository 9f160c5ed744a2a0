import { describe, expect, it } from "vitest";
import { badDirectionHint, displayUnit, formatAxisValue, formatMetricValue } from "./format-metric-value";

describe("formatMetricValue", () => {
  it("shows error rates (fractions) in percent", () => {
    expect(formatMetricValue({ kind: "error_rate", unit: "" }, 0.0123)).toBe("1.23%");
    expect(formatMetricValue({ kind: "error_rate", unit: "%" }, 0.000456)).toBe("0.0456%");
    expect(formatMetricValue({ kind: "error_rate", unit: "" }, 0)).toBe("0%");
    expect(displayUnit({ kind: "error_rate", unit: "" })).toBe("%");
  });

  it("puts the unit after other values, and a dash for no value", () => {
    expect(formatMetricValue({ kind: "latency", unit: "ms" }, 1234.567)).toBe("1,234.57 ms");
    expect(formatMetricValue({ kind: "mean", unit: "€" }, 0.012345)).toBe("0.0123 €");
    expect(formatMetricValue({ kind: "count", unit: "" }, 42)).toBe("42");
    expect(formatMetricValue({ kind: "count", unit: "%" }, 42)).toBe("42%");
    expect(formatMetricValue({ kind: "count", unit: "" }, null)).toBe("—");
  });

  it("keeps axis ticks short", () => {
    expect(formatAxisValue({ kind: "count" }, 12_345)).toBe("12.3K");
    expect(formatAxisValue({ kind: "error_rate" }, 0.05)).toBe("5%");
  });

  it("says which way is bad", () => {
    expect(badDirectionHint("up")).toBe("↑ is bad");
    expect(badDirectionHint("down")).toBe("↓ is bad");
  });
});
