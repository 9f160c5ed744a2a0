import type { MetricSeriesResult, MetricStat, Variant } from "./metric-types";
import { chartColumnsOf } from "./chart-columns";
import type { ExposureSeries, ReleaseChartColumns, ReleaseChartData } from "./release-chart-types";

/**
 * The chart payload on the wire: each series as parallel arrays of step indexes, values and
 * sample counts instead of one object per point. A day of five-minute points for every cohort
 * is a few hundred KiB instead of several MiB, and costs the server a fraction to serialise.
 */
export type WireSeries = {
  c: string;
  v: Variant;
  s: MetricStat;
  i: number[];
  y: (number | null)[];
  n: (number | null)[];
};
export type WireExposure = { c: string; v: Variant; i: number[]; e: number[]; u: (number | null)[] };

export type WireChartData = Omit<ReleaseChartData, "metrics" | "exposures"> & {
  metrics: (Omit<ReleaseChartData["metrics"][number], "series"> & { series: WireSeries[] })[];
  exposures: { series: WireExposure[]; error: string | null };
};

// The powers of ten compact() needs for any finite double (0 … 329), computed once: the same
// doubles as `10 ** n`, without the call for each of tens of thousands of values.
const POWERS_OF_TEN = Array.from({ length: 330 }, (_, n) => 10 ** n);
const powerOfTen = (n: number) => POWERS_OF_TEN[n] ?? 10 ** n;

// Six significant digits: more than any tooltip shows, far fewer characters than a float64.
function compact(value: number | null): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  if (Number.isInteger(value)) return value;
  const digits = 5 - Math.floor(Math.log10(Math.abs(value)));
  if (digits <= 0) {
    const unit = powerOfTen(-digits);
    return Math.round(value / unit) * unit;
  }
  const scale = powerOfTen(digits);
  return Math.round(value * scale) / scale;
}

/** The wire form of columns read by the server: indexes from times, values compacted, nothing else copied. */
export function encodeChartColumns(data: ReleaseChartColumns): WireChartData {
  const { from, stepSeconds } = data.range;
  const step = stepSeconds * 1000;
  const origin = Math.floor(from / step) * step;
  const indexes = (t: readonly number[]) => t.map((at) => Math.round((at - origin) / step));
  return {
    ...data,
    metrics: data.metrics.map((panel) => ({
      ...panel,
      series: panel.series.map((s) => ({
        c: s.cohortKey,
        v: s.variant,
        s: s.stat,
        i: indexes(s.t),
        y: s.values.map(compact),
        n: s.samples,
      })),
    })),
    exposures: {
      error: data.exposures.error,
      series: data.exposures.series.map((s) => ({
        c: s.cohortKey,
        v: s.variant,
        i: indexes(s.t),
        e: s.evaluations,
        u: s.users,
      })),
    },
  };
}

/** The wire form of point objects (tests, and any caller that built points itself). */
export function encodeChartData(data: ReleaseChartData): WireChartData {
  return encodeChartColumns(chartColumnsOf(data));
}

export function decodeChartData(wire: WireChartData): ReleaseChartData {
  const { from, stepSeconds } = wire.range;
  const step = stepSeconds * 1000;
  const origin = Math.floor(from / step) * step;
  return {
    ...wire,
    metrics: wire.metrics.map((panel) => ({
      ...panel,
      series: panel.series.map((s): MetricSeriesResult => ({
        cohortKey: s.c,
        variant: s.v,
        stat: s.s,
        points: s.i.map((i, at) => ({ t: origin + i * step, value: s.y[at] ?? null, samples: s.n[at] ?? null })),
      })),
    })),
    exposures: {
      error: wire.exposures.error,
      series: wire.exposures.series.map((s): ExposureSeries => ({
        cohortKey: s.c,
        variant: s.v,
        points: s.i.map((i, at) => ({ t: origin + i * step, evaluations: s.e[at] ?? 0, users: s.u[at] ?? null })),
      })),
    },
  };
}
