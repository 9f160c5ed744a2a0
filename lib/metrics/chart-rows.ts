import type { MetricSeriesResult, MetricStat } from "./metric-types";
import { perExposedUser } from "./per-exposed-user";
import type { ExposureData, ReleaseChartData, RolloutTimeline } from "./release-chart-types";

// Pure: turns the chart payload into the rows one Recharts chart draws. Shared by every
// cohort panel so the same instant lines up in all of them.

/** A rollout change that moved this cohort's percentage. */
export type CohortChange = { at: number; actorName: string; summary: string; from: number; to: number };

export type ChartRow = {
  t: number;
  treatment: number | null;
  control: number | null;
  treatmentSamples: number | null;
  controlSamples: number | null;
  /** The cohort's rollout percentage (0–100) from this instant on. */
  rollout: number;
  /** Set on the rows that mark a change of this cohort's percentage. */
  change?: CohortChange;
};

/** The percentage of one cohort over time: its value at the range start, then each change that moved it. */
export function cohortChanges(timeline: RolloutTimeline, cohortKey: string): CohortChange[] {
  let current = timeline.initial[cohortKey] ?? 0;
  const out: CohortChange[] = [];
  for (const change of timeline.changes) {
    const next = change.percentByCohort[cohortKey] ?? current;
    if (next !== current)
      out.push({ at: change.at, actorName: change.actorName, summary: change.summary, from: current, to: next });
    current = next;
  }
  return out;
}

export function percentAt(timeline: RolloutTimeline, cohortKey: string, t: number): number {
  let percent = timeline.initial[cohortKey] ?? 0;
  for (const change of timeline.changes) {
    if (change.at > t) break;
    percent = change.percentByCohort[cohortKey] ?? percent;
  }
  return percent;
}

type Sample = { value: number | null; samples: number | null };

function byTime(series: MetricSeriesResult | undefined): Map<number, Sample> {
  return new Map((series?.points ?? []).map((p) => [p.t, { value: p.value, samples: p.samples }]));
}

/**
 * One row per instant that has a value in either variant, plus the range edges and every
 * change of the cohort's percentage, so the rollout step line spans the chart and steps
 * exactly where someone changed it.
 */
export function metricRows(
  series: readonly MetricSeriesResult[],
  timeline: RolloutTimeline,
  cohortKey: string,
  stat: MetricStat,
  range: { from: number; to: number },
): ChartRow[] {
  const pick = (variant: string) =>
    series.find((s) => s.cohortKey === cohortKey && s.variant === variant && s.stat === stat);
  const treatment = byTime(pick("treatment"));
  const control = byTime(pick("control"));
  return rowsFor(treatment, control, timeline, cohortKey, range);
}

/**
 * A count metric per exposed user: each variant's count in a step divided by the users that
 * variant exposed in the same step (see perExposedUser). Samples are the exposed users.
 */
export function perUserRows(
  series: readonly MetricSeriesResult[],
  exposures: ExposureData,
  timeline: RolloutTimeline,
  cohortKey: string,
  range: { from: number; to: number },
): ChartRow[] {
  const pick = (variant: string): Map<number, Sample> => {
    const counts = series.find((s) => s.cohortKey === cohortKey && s.variant === variant && s.stat === "value");
    const exposed = exposures.series.find((s) => s.cohortKey === cohortKey && s.variant === variant);
    return new Map(
      perExposedUser(counts?.points ?? [], exposed?.points ?? []).map((p) => [
        p.t,
        { value: p.value, samples: p.samples },
      ]),
    );
  };
  return rowsFor(pick("treatment"), pick("control"), timeline, cohortKey, range);
}

/** The first step with an exposure in this cohort, or null when there is none in the range. */
export function firstExposureAt(exposures: ExposureData, cohortKey: string): number | null {
  let first: number | null = null;
  for (const s of exposures.series) {
    if (s.cohortKey !== cohortKey) continue;
    const point = s.points.find((p) => p.evaluations > 0);
    if (point && (first === null || point.t < first)) first = point.t;
  }
  return first;
}

/** The first step with a metric value in this cohort, any metric, or null. */
export function firstMetricAt(data: Pick<ReleaseChartData, "metrics">, cohortKey: string): number | null {
  let first: number | null = null;
  for (const panel of data.metrics) {
    for (const s of panel.series) {
      if (s.cohortKey !== cohortKey) continue;
      const point = s.points.find((p) => p.value !== null);
      if (point && (first === null || point.t < first)) first = point.t;
    }
  }
  return first;
}

/** Exposed users per step (evaluations when the backend could not count distinct users). */
export function exposureRows(
  exposures: ExposureData,
  timeline: RolloutTimeline,
  cohortKey: string,
  range: { from: number; to: number },
): { measure: "users" | "evaluations"; rows: ChartRow[] } {
  const mine = exposures.series.filter((s) => s.cohortKey === cohortKey);
  // Distinct users whenever the store counted them; evaluations only when it had data but no user counts.
  const points = mine.flatMap((s) => s.points);
  const measure = points.length > 0 && points.every((p) => p.users === null) ? "evaluations" : "users";
  const pick = (variant: string): Map<number, Sample> =>
    new Map(
      (mine.find((s) => s.variant === variant)?.points ?? []).map((p) => [
        p.t,
        { value: measure === "users" ? p.users : p.evaluations, samples: p.evaluations },
      ]),
    );
  return { measure, rows: rowsFor(pick("treatment"), pick("control"), timeline, cohortKey, range) };
}

function rowsFor(
  treatment: Map<number, Sample>,
  control: Map<number, Sample>,
  timeline: RolloutTimeline,
  cohortKey: string,
  range: { from: number; to: number },
): ChartRow[] {
  const changes = new Map(cohortChanges(timeline, cohortKey).map((c) => [c.at, c]));
  const times = new Set<number>([range.from, range.to, ...treatment.keys(), ...control.keys(), ...changes.keys()]);
  return [...times]
    .sort((a, b) => a - b)
    .map((t) => {
      const tr = treatment.get(t);
      const co = control.get(t);
      const change = changes.get(t);
      return {
        t,
        treatment: tr?.value ?? null,
        control: co?.value ?? null,
        treatmentSamples: tr?.samples ?? null,
        controlSamples: co?.samples ?? null,
        rollout: percentAt(timeline, cohortKey, t),
        ...(change ? { change } : {}),
      };
    });
}

/** True when no metric and no exposure series has a single point: the "no data yet" state. */
export function isEmptyPayload(data: Pick<ReleaseChartData, "metrics" | "exposures">): boolean {
  const metricPoints = data.metrics.some((m) => m.series.some((s) => s.points.some((p) => p.value !== null)));
  const exposurePoints = data.exposures.series.some((s) => s.points.some((p) => p.evaluations > 0));
  return !metricPoints && !exposurePoints;
}

/** Whether a chart has anything to draw for this cohort (its rows always carry the rollout). */
export function hasValues(rows: readonly ChartRow[]): boolean {
  return rows.some((r) => r.treatment !== null || r.control !== null);
}
