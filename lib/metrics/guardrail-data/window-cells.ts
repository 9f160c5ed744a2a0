import type { Db } from "@/lib/db/client";
import type { AggregateCell, CellShape } from "../builtin/aggregate-cell";
import { readMergedCells } from "../builtin/merged-cells";
import { seriesRegistryFor } from "../builtin/series-registry";
import type { Variant } from "../metric-types";

export type WindowScope = { environmentId: string; releaseKey: string; cohortKeys: readonly string[] };
export type WantedSeries = { metricKey: string; shape: CellShape };
/** One series' data merged over the window; undefined when it has none there. */
export type WindowCells = (metricKey: string, cohortKey: string, variant: Variant) => AggregateCell | undefined;

const keyOf = (metricKey: string, cohortKey: string, variant: Variant) =>
  `${metricKey}\u0000${cohortKey}\u0000${variant}`;

/**
 * Every cohort × variant of the wanted metrics in the built-in store, merged over
 * [from, to) epoch ms: one registry look-up per metric (none once its ids are known) and one
 * read for all of them. The store keeps minutes: a minute that starts before `from` is left
 * out (it holds data from before the plan), the minute holding `to` is in (the data so far).
 */
export async function readWindowCells(
  db: Db,
  scope: WindowScope,
  wanted: readonly WantedSeries[],
  window: { from: number; to: number },
): Promise<WindowCells> {
  // An empty window (a step that starts now) has nothing, not the minute it falls in.
  if (!(window.to > window.from)) return () => undefined;
  const registry = seriesRegistryFor(db);
  const found = await Promise.all(
    wanted.map(async ({ metricKey, shape }) => ({
      metricKey,
      shape,
      series: await registry.cohortSeries({ ...scope, metricKey }),
    })),
  );
  const shapes = new Map<number, CellShape>();
  const keys = new Map<number, string>();
  for (const { metricKey, shape, series } of found) {
    for (const { cohortKey, variant, seriesId } of series) {
      if (seriesId === undefined) continue;
      shapes.set(seriesId, shape);
      keys.set(seriesId, keyOf(metricKey, cohortKey, variant));
    }
  }
  // The minute the window starts in counts: what an application sends in a plan's (or step's)
  // first minute must not be lost. It may hold up to a minute from before the start, which
  // both variants share alike.
  const fromMinute = Math.floor(window.from / 60_000);
  const toMinute = Math.ceil(window.to / 60_000);
  const cells = await readMergedCells(db, shapes, fromMinute, toMinute);
  const byKey = new Map([...cells].map(([seriesId, cell]) => [keys.get(seriesId)!, cell]));
  return (metricKey, cohortKey, variant) => byKey.get(keyOf(metricKey, cohortKey, variant));
}
