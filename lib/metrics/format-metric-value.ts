import type { BadDirection, MetricDefinitionView } from "./metric-types";

// Fixed locale: the same digits on the server and in every browser, and in tests.
const exact = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const precise = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 3 });
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

function withUnit(text: string, unit: string): string {
  if (!unit) return text;
  return unit === "%" ? `${text}%` : `${text} ${unit}`;
}

/** A value as a tooltip shows it: an error rate (a fraction) in percent, anything else in its unit. */
export function formatMetricValue(metric: Pick<MetricDefinitionView, "kind" | "unit">, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return "—";
  if (metric.kind === "error_rate") return `${(value * 100 < 1 && value !== 0 ? precise : exact).format(value * 100)}%`;
  return withUnit(Math.abs(value) < 1 && value !== 0 ? precise.format(value) : exact.format(value), metric.unit);
}

/** Shorter, for axis ticks. */
export function formatAxisValue(metric: Pick<MetricDefinitionView, "kind">, value: number): string {
  if (metric.kind === "error_rate") return `${precise.format(value * 100)}%`;
  return Math.abs(value) >= 1000 ? compact.format(value) : precise.format(value);
}

export function formatCount(value: number): string {
  return exact.format(Math.round(value));
}

/** "↑ is bad" for errors and latency, "↓ is bad" for conversions. */
export function badDirectionHint(direction: BadDirection): string {
  return direction === "up" ? "↑ is bad" : "↓ is bad";
}

/** The unit a chart's title shows in brackets; error rates are always in percent. */
export function displayUnit(metric: Pick<MetricDefinitionView, "kind" | "unit">): string {
  return metric.kind === "error_rate" ? "%" : metric.unit;
}
