// The chart wire encoder as it was until commit 281bdc5 (point objects mapped into the wire's
// arrays), kept verbatim as the reference the columnar encoder must match byte for byte.
import type { ReleaseChartData } from "@/lib/metrics/release-chart-types";

function compact(value: number | null): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  if (Number.isInteger(value)) return value;
  const digits = 5 - Math.floor(Math.log10(Math.abs(value)));
  if (digits <= 0) {
    const unit = 10 ** -digits;
    return Math.round(value / unit) * unit;
  }
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** encodeChartData before the columnar read: point objects mapped into the wire's arrays. */
export function legacyEncodeChartData(data: ReleaseChartData) {
  const { from, stepSeconds } = data.range;
  const step = stepSeconds * 1000;
  const origin = Math.floor(from / step) * step;
  const index = (t: number) => Math.round((t - origin) / step);
  return {
    ...data,
    metrics: data.metrics.map((panel) => ({
      ...panel,
      series: panel.series.map((s) => ({
        c: s.cohortKey,
        v: s.variant,
        s: s.stat,
        i: s.points.map((p) => index(p.t)),
        y: s.points.map((p) => compact(p.value)),
        n: s.points.map((p) => p.samples),
      })),
    })),
    exposures: {
      error: data.exposures.error,
      series: data.exposures.series.map((s) => ({
        c: s.cohortKey,
        v: s.variant,
        i: s.points.map((p) => index(p.t)),
        e: s.points.map((p) => p.evaluations),
        u: s.points.map((p) => p.users),
      })),
    },
  };
}
