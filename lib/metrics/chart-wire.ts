import type { MetricSeriesResult, MetricStat, Variant } from "./metric-types";
import type { ExposureSeries, ReleaseChartData } from "./release-chart-types";

/**
 * The chart payload on the wire: each series as parallel arrays of step indexes, values and
 * sample counts instead of one object per point. A day of five-minute points for every cohort
 * is a few hundred KiB instead of several MiB, and costs the server a fraction to serialise.
 */
export type WireSeries = { c: string; v: Variant; s: MetricStat; i: number[]; y: (number | null)[]; n: (number | null)[] };
export type WireExposure = { c: string; v: Variant; i: number[]; e: number[]; u: (number | null)[] };

export type WireChartData = Omit<ReleaseChartData, "metrics" | "exposures"> & {
  metrics: (Omit<ReleaseChartData["metrics"][number], "series"> & { series: WireSeries[] })[];
  exposures: { series: WireExposure[]; error: string | null };
};

// Six significant digits: more than any tooltip shows, far fewer characters than a float64.
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

export function encodeChartData(data: ReleaseChartData): WireChartData {
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
      series: data.exposures.series.map((s) => ({ c: s.cohortKey, v: s.variant, i: s.points.map((p) => index(p.t)), e: s.points.map((p) => p.evaluations), u: s.points.map((p) => p.users) })),
    },
  };
}

export function decodeChartData(wire: WireChartData): ReleaseChartData {
  const { from, stepSeconds } = wire.range;
  const step = stepSeconds * 1000;
  const origin = Math.floor(from / step) * step;
  return {
    ...wire,
    metrics: wire.metrics.map((panel) => ({
      ...panel,
      series: panel.series.map(
        (s): MetricSeriesResult => ({ cohortKey: s.c, variant: s.v, stat: s.s, points: s.i.map((i, at) => ({ t: origin + i * step, value: s.y[at] ?? null, samples: s.n[at] ?? null })) }),
      ),
    })),
    exposures: {
      error: wire.exposures.error,
      series: wire.exposures.series.map(
        (s): ExposureSeries => ({ cohortKey: s.c, variant: s.v, points: s.i.map((i, at) => ({ t: origin + i * step, evaluations: s.e[at] ?? 0, users: s.u[at] ?? null })) }),
      ),
    },
  };
}
