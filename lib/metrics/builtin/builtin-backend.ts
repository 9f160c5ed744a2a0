import type { Db } from "@/lib/db/client";
import { chooseStep, resolutionFor } from "../choose-step";
import {
  statsOf,
  VARIANTS,
  type MetricDefinitionView,
  type MetricSeriesColumns,
  type MetricSeriesResult,
  type MetricStat,
  type MetricsBackend,
  type MetricSummary,
  type SeriesRange,
  type SeriesSelector,
  type SummaryWindow,
  type Variant,
} from "../metric-types";
import { pointsOfColumns } from "../chart-columns";
import { AggregateCell } from "./aggregate-cell";
import { readAggregates, readBlocks, type StoredAggregate } from "./aggregate-reader";
import { emptyBlockColumns, type BlockColumns, type BlockSlot } from "./metric-block";
import type { SeriesRegistry } from "./series-registry";

type Target = { cohortKey: string; variant: Variant; seriesId: number };

/** The value a kind shows for a bucket, from its count and sum. */
export function valueOf(metric: Pick<MetricDefinitionView, "kind">, count: number, sum: number): number | null {
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

async function targetsOf(registry: SeriesRegistry, selector: SeriesSelector): Promise<Target[]> {
  const series = await registry.cohortSeries({ ...selector, metricKey: selector.metric.key });
  return series.flatMap(({ cohortKey, variant, seriesId }) =>
    seriesId === undefined ? [] : [{ cohortKey, variant, seriesId }],
  );
}

function emptyColumns(selector: SeriesSelector): MetricSeriesColumns[] {
  return selector.cohortKeys.flatMap((cohortKey) =>
    VARIANTS.flatMap((variant) =>
      statsOf(selector.metric.kind).map((stat) => ({ cohortKey, variant, stat, t: [], values: [], samples: [] })),
    ),
  );
}

/** One stat of a series from its blocks' columns: the value a kind shows, per filled bucket. */
function statColumns(
  metric: MetricDefinitionView,
  stat: MetricStat,
  read: BlockColumns,
): Pick<MetricSeriesColumns, "t" | "values" | "samples"> {
  const { t, counts, field } = read;
  const values = stat === "value" ? counts.map((count, k) => valueOf(metric, count, field[k] ?? 0)) : field;
  return { t, values, samples: counts };
}

/** Glidepath's own store: per-minute aggregates written at ingest in every resolution. */
export function createBuiltinBackend(db: Db, registry: SeriesRegistry): MetricsBackend {
  async function seriesColumns(selector: SeriesSelector, range: SeriesRange): Promise<MetricSeriesColumns[]> {
    const results = emptyColumns(selector);
    const targets = await targetsOf(registry, selector);
    if (targets.length === 0) return results;
    const step = range.stepSeconds;
    const resolution = resolutionFor(step);
    const stepMinutes = step / 60;
    const fromMinute = Math.floor(range.from / 60_000 / stepMinutes) * stepMinutes;
    const toMinute = Math.ceil(range.to / 60_000);
    const latency = selector.metric.kind === "latency";
    const stats = statsOf(selector.metric.kind);
    const resultFor = new Map(results.map((r) => [`${r.cohortKey}\u0000${r.variant}\u0000${r.stat}`, r]));
    const columnsOf = (target: Target, stat: MetricStat) =>
      resultFor.get(`${target.cohortKey}\u0000${target.variant}\u0000${stat}`)!;
    const ids = targets.map((t) => t.seriesId);
    if (step <= resolution) {
      // The common case: one stored bucket per point, read from packed blocks.
      const blocks = await readBlocks(db, ids, resolution, fromMinute, toMinute);
      for (const target of targets) {
        for (const stat of stats) {
          const read = emptyBlockColumns();
          for (const block of blocks.get(target.seriesId) ?? [])
            block.readColumns(fromMinute, toMinute, stat === "value" ? "sum" : stat, read);
          Object.assign(columnsOf(target, stat), statColumns(selector.metric, stat, read));
        }
      }
      return results;
    }
    const rows = await readAggregates(db, ids, resolution, fromMinute, toMinute, latency);
    const bySeries = new Map<number, StoredAggregate[]>();
    for (const row of rows) {
      const list = bySeries.get(row.seriesId);
      if (list) list.push(row);
      else bySeries.set(row.seriesId, [row]);
    }
    for (const target of targets) {
      const steps = mergeIntoSteps(bySeries.get(target.seriesId) ?? [], stepMinutes, latency);
      for (const stat of stats) {
        Object.assign(columnsOf(target, stat), {
          t: steps.map((s) => s.t),
          values: steps.map((s) => statOf(selector.metric, stat, s.row)),
          samples: steps.map((s) => s.row.count),
        });
      }
    }
    return results;
  }

  return {
    seriesColumns,

    async series(selector: SeriesSelector, range: SeriesRange): Promise<MetricSeriesResult[]> {
      return (await seriesColumns(selector, range)).map(pointsOfColumns);
    },

    async summary(selector: SeriesSelector, window: SummaryWindow): Promise<MetricSummary[]> {
      const targets = await targetsOf(registry, selector);
      const resolution = resolutionFor(chooseStep(window.to - window.from));
      const fromMinute = Math.floor(window.from / 60_000);
      const toMinute = Math.ceil(window.to / 60_000);
      const latency = selector.metric.kind === "latency";
      // Buckets that start inside the window: the window is aligned to the resolution read.
      const resMinutes = resolution / 60;
      const rows = await readAggregates(
        db,
        targets.map((t) => t.seriesId),
        resolution,
        Math.ceil(fromMinute / resMinutes) * resMinutes,
        toMinute,
        latency,
      );
      const merged = new Map<number, AggregateCell>();
      for (const row of rows) {
        const cell = AggregateCell.fromRow(latency ? "latency" : "plain", {
          count: row.count,
          sum: row.sum,
          sketch: row.sketch ?? null,
        });
        const into = merged.get(row.seriesId);
        if (into) into.merge(cell);
        else merged.set(row.seriesId, cell);
      }
      const seriesOf = new Map(targets.map((t) => [`${t.cohortKey}\u0000${t.variant}`, t.seriesId]));
      return selector.cohortKeys.flatMap((cohortKey) =>
        VARIANTS.flatMap((variant) =>
          statsOf(selector.metric.kind).map((stat) => {
            const seriesId = seriesOf.get(`${cohortKey}\u0000${variant}`);
            const cell = seriesId === undefined ? undefined : merged.get(seriesId);
            return {
              cohortKey,
              variant,
              stat,
              value: cell ? statOf(selector.metric, stat, cell) : null,
              samples: cell ? cell.count : 0,
            };
          }),
        ),
      );
    },
  };
}

/** Rows of a finer resolution folded into steps (sketches merged when quantiles are needed). */
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
