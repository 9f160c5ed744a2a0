import type { Db } from "@/lib/db/client";
import { chooseStep, resolutionFor } from "../choose-step";
import { EXPOSURE_METRIC_KEY, type SeriesRange, type SummaryWindow } from "../metric-types";
import type { ExposureColumns, ExposurePoint, ExposureSeries } from "../release-chart-types";
import { exposurePointsOf } from "../chart-columns";
import { AggregateCell } from "./aggregate-cell";
import { readAggregates, readBlocks, type StoredAggregate } from "./aggregate-reader";
import { emptyBlockColumns } from "./metric-block";
import { seriesRegistryFor } from "./series-registry";

export type ExposureSelector = { environmentId: string; releaseKey: string; cohortKeys: readonly string[] };
export type { ExposureColumns, ExposurePoint, ExposureSeries };

function seriesOf(db: Db, selector: ExposureSelector) {
  return seriesRegistryFor(db).cohortSeries({ ...selector, metricKey: EXPOSURE_METRIC_KEY });
}

/** Evaluations and distinct users per step, per cohort and variant (counted by the evaluation API). */
export async function readExposureSeries(
  db: Db,
  selector: ExposureSelector,
  range: SeriesRange,
): Promise<ExposureSeries[]> {
  return (await readExposureColumns(db, selector, range)).map(exposurePointsOf);
}

/** The same as readExposureSeries, as parallel arrays: the chart path's read. */
export async function readExposureColumns(
  db: Db,
  selector: ExposureSelector,
  range: SeriesRange,
): Promise<ExposureColumns[]> {
  const series = await seriesOf(db, selector);
  const stepMinutes = range.stepSeconds / 60;
  const resolution = resolutionFor(range.stepSeconds);
  const ids = series.flatMap((s) => (s.seriesId === undefined ? [] : [s.seriesId]));
  const fromMinute = Math.floor(range.from / 60_000 / stepMinutes) * stepMinutes;
  const toMinute = Math.ceil(range.to / 60_000);
  const columns = new Map<number, Omit<ExposureColumns, "cohortKey" | "variant">>();
  if (range.stepSeconds <= resolution) {
    const blocks = await readBlocks(db, ids, resolution, fromMinute, toMinute);
    for (const [seriesId, list] of blocks) {
      const read = emptyBlockColumns();
      for (const block of list) block.readColumns(fromMinute, toMinute, "distinct", read);
      columns.set(seriesId, { t: read.t, evaluations: read.counts, users: read.field.map(roundUsers) });
    }
  } else {
    const rows = await readAggregates(db, ids, resolution, fromMinute, toMinute, true);
    for (const [seriesId, steps] of mergeExposureSteps(rows, stepMinutes)) {
      const cells = [...steps].sort((a, b) => a[0] - b[0]).map(([start, cell]) => ({ start, row: cell.toRow() }));
      columns.set(seriesId, {
        t: cells.map((c) => c.start * 60_000),
        evaluations: cells.map((c) => c.row.count),
        users: cells.map((c) => roundUsers(c.row.distinct)),
      });
    }
  }
  return series.map(({ cohortKey, variant, seriesId }) => {
    const found = seriesId === undefined ? undefined : columns.get(seriesId);
    return { cohortKey, variant, ...(found ?? { t: [], evaluations: [], users: [] }) };
  });
}

function roundUsers(distinct: number | null): number | null {
  return distinct === null ? null : Math.round(distinct);
}

/** Rows of a finer resolution folded into steps per series, distinct-user sketches merged. */
function mergeExposureSteps(
  rows: readonly StoredAggregate[],
  stepMinutes: number,
): Map<number, Map<number, AggregateCell>> {
  const bySeries = new Map<number, Map<number, AggregateCell>>();
  for (const row of rows) {
    let steps = bySeries.get(row.seriesId);
    if (!steps) bySeries.set(row.seriesId, (steps = new Map()));
    const start = Math.floor(row.bucket / stepMinutes) * stepMinutes;
    const cell = AggregateCell.fromRow("exposure", { count: row.count, sum: row.sum, sketch: row.sketch ?? null });
    const into = steps.get(start);
    if (into) into.merge(cell);
    else steps.set(start, cell);
  }
  return bySeries;
}

/**
 * Distinct users per cohort over the window, both variants together (a user sits in one
 * variant at a time, so the union is the cohort's audience). Cohorts without traffic are absent.
 */
export async function estimateCohortUsers(
  db: Db,
  selector: ExposureSelector,
  window: SummaryWindow,
): Promise<Map<string, number>> {
  const series = await seriesOf(db, selector);
  // Hourly sketches for long windows: a day is 24 rows per series to merge, not 288.
  const length = window.to - window.from;
  const resolution = length >= 6 * 3_600_000 ? 3600 : resolutionFor(chooseStep(length));
  const resMinutes = resolution / 60;
  const ids = series.flatMap((s) => (s.seriesId === undefined ? [] : [s.seriesId]));
  const fromMinute = Math.ceil(window.from / 60_000 / resMinutes) * resMinutes;
  const rows = await readAggregates(db, ids, resolution, fromMinute, Math.ceil(window.to / 60_000), true);
  const cohortOf = new Map(
    series.flatMap((s) => (s.seriesId === undefined ? [] : [[s.seriesId, s.cohortKey] as const])),
  );
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
