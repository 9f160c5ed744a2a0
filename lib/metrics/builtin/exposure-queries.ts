import type { Db } from "@/lib/db/client";
import { chooseStep, resolutionFor } from "../choose-step";
import { EXPOSURE_METRIC_KEY, type SeriesRange, type SummaryWindow } from "../metric-types";
import type { ExposurePoint, ExposureSeries } from "../release-chart-types";
import { AggregateCell } from "./aggregate-cell";
import { readAggregates, readBlocks, slotsIn } from "./aggregate-reader";
import { seriesRegistryFor } from "./series-registry";

export type ExposureSelector = { environmentId: string; releaseKey: string; cohortKeys: readonly string[] };
export type { ExposurePoint, ExposureSeries };

function seriesOf(db: Db, selector: ExposureSelector) {
  return seriesRegistryFor(db).cohortSeries({ ...selector, metricKey: EXPOSURE_METRIC_KEY });
}

/** Evaluations and distinct users per step, per cohort and variant (counted by the evaluation API). */
export async function readExposureSeries(db: Db, selector: ExposureSelector, range: SeriesRange): Promise<ExposureSeries[]> {
  const series = await seriesOf(db, selector);
  const stepMinutes = range.stepSeconds / 60;
  const resolution = resolutionFor(range.stepSeconds);
  const merging = range.stepSeconds > resolution;
  const ids = series.flatMap((s) => (s.seriesId === undefined ? [] : [s.seriesId]));
  const fromMinute = Math.floor(range.from / 60_000 / stepMinutes) * stepMinutes;
  const toMinute = Math.ceil(range.to / 60_000);
  const steps = new Map<number, Map<number, AggregateCell | ExposurePoint>>();
  if (!merging) {
    const blocks = await readBlocks(db, ids, resolution, fromMinute, toMinute);
    for (const [seriesId, list] of blocks) {
      steps.set(seriesId, new Map(slotsIn(list, fromMinute, toMinute).map(([bucket, slot]) => [bucket, { t: bucket * 60_000, evaluations: slot.count, users: slot.distinct === null ? null : Math.round(slot.distinct) }])));
    }
  }
  const rows = merging ? await readAggregates(db, ids, resolution, fromMinute, toMinute, true) : [];
  for (const row of rows) {
    let bySeries = steps.get(row.seriesId);
    if (!bySeries) steps.set(row.seriesId, (bySeries = new Map()));
    const start = Math.floor(row.bucket / stepMinutes) * stepMinutes;
    const cell = AggregateCell.fromRow("exposure", { count: row.count, sum: row.sum, sketch: row.sketch ?? null });
    const into = bySeries.get(start);
    if (into instanceof AggregateCell) into.merge(cell);
    else bySeries.set(start, cell);
  }
  return series.map(({ cohortKey, variant, seriesId }) => {
    const buckets = seriesId === undefined ? undefined : steps.get(seriesId);
    const points = [...(buckets ?? new Map<number, AggregateCell | ExposurePoint>())]
      .sort((a, b) => a[0] - b[0])
      .map(([start, value]): ExposurePoint => {
        if (!(value instanceof AggregateCell)) return value;
        const row = value.toRow();
        return { t: start * 60_000, evaluations: row.count, users: row.distinct === null ? null : Math.round(row.distinct) };
      });
    return { cohortKey, variant, points };
  });
}

/**
 * Distinct users per cohort over the window, both variants together (a user sits in one
 * variant at a time, so the union is the cohort's audience). Cohorts without traffic are absent.
 */
export async function estimateCohortUsers(db: Db, selector: ExposureSelector, window: SummaryWindow): Promise<Map<string, number>> {
  const series = await seriesOf(db, selector);
  // Hourly sketches for long windows: a day is 24 rows per series to merge, not 288.
  const length = window.to - window.from;
  const resolution = length >= 6 * 3_600_000 ? 3600 : resolutionFor(chooseStep(length));
  const resMinutes = resolution / 60;
  const ids = series.flatMap((s) => (s.seriesId === undefined ? [] : [s.seriesId]));
  const fromMinute = Math.ceil(window.from / 60_000 / resMinutes) * resMinutes;
  const rows = await readAggregates(db, ids, resolution, fromMinute, Math.ceil(window.to / 60_000), true);
  const cohortOf = new Map(series.flatMap((s) => (s.seriesId === undefined ? [] : [[s.seriesId, s.cohortKey] as const])));
  const byCohort = new Map<string, AggregateCell>();
  for (const row of rows) {
    const cohortKey = cohortOf.get(row.seriesId)!;
    const cell = AggregateCell.fromRow("exposure", { count: row.count, sum: row.sum, sketch: row.sketch ?? null });
    const into = byCohort.get(cohortKey);
    if (into) into.merge(cell);
    else byCohort.set(cohortKey, cell);
  }
  return new Map([...byCohort].map(([cohortKey, cell]) => [cohortKey, Math.round(cell.toRow().distinct ?? 0)]));
}
