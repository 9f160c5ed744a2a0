// The chart path's reads as they were until commit 281bdc5 (one object per point: slots()
// tuples, then {t, value, samples} per stat), kept verbatim as the reference the columnar reads
// must match. Reads the same tables; shares no code with the new path beyond the block decoder
// and the store's row readers. legacy-chart-wire.ts holds the encoder of that time.
import type { Db } from "@/lib/db/client";
import { AggregateCell } from "@/lib/metrics/builtin/aggregate-cell";
import { readAggregates, readBlocks, slotsIn, type StoredAggregate } from "@/lib/metrics/builtin/aggregate-reader";
import type { BlockSlot } from "@/lib/metrics/builtin/metric-block";
import { seriesRegistryFor } from "@/lib/metrics/builtin/series-registry";
import { resolutionFor } from "@/lib/metrics/choose-step";
import {
  EXPOSURE_METRIC_KEY,
  statsOf,
  VARIANTS,
  type MetricDefinitionView,
  type MetricPoint,
  type MetricSeriesResult,
  type MetricStat,
  type SeriesRange,
  type SeriesSelector,
  type Variant,
} from "@/lib/metrics/metric-types";
import type { ExposurePoint, ExposureSeries } from "@/lib/metrics/release-chart-types";

type Target = { cohortKey: string; variant: Variant; seriesId: number };

function valueOf(metric: Pick<MetricDefinitionView, "kind">, count: number, sum: number): number | null {
  if (metric.kind === "count") return sum;
  if (count <= 0) return null;
  return sum / count;
}

function statOf(
  metric: MetricDefinitionView,
  stat: MetricStat,
  cell: AggregateCell | StoredAggregate | BlockSlot,
): number | null {
  if (stat === "value") return valueOf(metric, Number(cell.count), Number(cell.sum ?? 0));
  if (cell instanceof AggregateCell) return cell.toRow()[stat];
  return cell[stat];
}

function mergeIntoSteps(
  rows: StoredAggregate[],
  stepMinutes: number,
  latency: boolean,
): { t: number; row: AggregateCell }[] {
  const steps = new Map<number, AggregateCell>();
  for (const row of rows) {
    const start = Math.floor(row.bucket / stepMinutes) * stepMinutes;
    const cell = AggregateCell.fromRow(latency ? "latency" : "plain", {
      count: row.count,
      sum: row.sum,
      sketch: row.sketch ?? null,
    });
    const into = steps.get(start);
    if (into) into.merge(cell);
    else steps.set(start, cell);
  }
  return [...steps].sort((a, b) => a[0] - b[0]).map(([start, row]) => ({ t: start * 60_000, row }));
}

/** The built-in backend's series() before the columnar read. */
export async function legacyBuiltinSeries(
  db: Db,
  selector: SeriesSelector,
  range: SeriesRange,
): Promise<MetricSeriesResult[]> {
  const results = selector.cohortKeys.flatMap((cohortKey) =>
    VARIANTS.flatMap((variant) =>
      statsOf(selector.metric.kind).map((stat) => ({ cohortKey, variant, stat, points: [] as MetricPoint[] })),
    ),
  );
  const series = await seriesRegistryFor(db).cohortSeries({ ...selector, metricKey: selector.metric.key });
  const targets: Target[] = series.flatMap(({ cohortKey, variant, seriesId }) =>
    seriesId === undefined ? [] : [{ cohortKey, variant, seriesId }],
  );
  if (targets.length === 0) return results;
  const step = range.stepSeconds;
  const resolution = resolutionFor(step);
  const stepMinutes = step / 60;
  const fromMinute = Math.floor(range.from / 60_000 / stepMinutes) * stepMinutes;
  const toMinute = Math.ceil(range.to / 60_000);
  const merging = step > resolution;
  const latency = selector.metric.kind === "latency";
  const resultFor = new Map(results.map((r) => [`${r.cohortKey}\u0000${r.variant}\u0000${r.stat}`, r]));
  const fill = (target: Target, points: { t: number; row: AggregateCell | StoredAggregate | BlockSlot }[]) => {
    for (const stat of statsOf(selector.metric.kind)) {
      const result = resultFor.get(`${target.cohortKey}\u0000${target.variant}\u0000${stat}`)!;
      result.points = points.map(({ t, row }) => ({
        t,
        value: statOf(selector.metric, stat, row),
        samples: Number(row.count),
      }));
    }
  };
  const ids = targets.map((t) => t.seriesId);
  if (!merging) {
    const blocks = await readBlocks(db, ids, resolution, fromMinute, toMinute);
    for (const target of targets)
      fill(
        target,
        slotsIn(blocks.get(target.seriesId), fromMinute, toMinute).map(([bucket, row]) => ({
          t: bucket * 60_000,
          row,
        })),
      );
    return results;
  }
  const rows = await readAggregates(db, ids, resolution, fromMinute, toMinute, latency);
  const bySeries = new Map<number, StoredAggregate[]>();
  for (const row of rows) {
    const list = bySeries.get(row.seriesId);
    if (list) list.push(row);
    else bySeries.set(row.seriesId, [row]);
  }
  for (const target of targets) fill(target, mergeIntoSteps(bySeries.get(target.seriesId) ?? [], stepMinutes, latency));
  return results;
}

/** readExposureSeries before the columnar read. */
export async function legacyExposureSeries(
  db: Db,
  selector: { environmentId: string; releaseKey: string; cohortKeys: readonly string[] },
  range: SeriesRange,
): Promise<ExposureSeries[]> {
  const series = await seriesRegistryFor(db).cohortSeries({ ...selector, metricKey: EXPOSURE_METRIC_KEY });
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
      steps.set(
        seriesId,
        new Map(
          slotsIn(list, fromMinute, toMinute).map(([bucket, slot]) => [
            bucket,
            {
              t: bucket * 60_000,
              evaluations: slot.count,
              users: slot.distinct === null ? null : Math.round(slot.distinct),
            },
          ]),
        ),
      );
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
        return {
          t: start * 60_000,
          evaluations: row.count,
          users: row.distinct === null ? null : Math.round(row.distinct),
        };
      });
    return { cohortKey, variant, points };
  });
}
