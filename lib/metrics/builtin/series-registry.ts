import { Prisma } from "@/lib/db/generated/sqlite/client";
import type { Db } from "@/lib/db/client";
import { VARIANTS, type Variant } from "../metric-types";
import { seriesKeyString, type SeriesKey } from "./series-key";

/** One metric of one release over some cohorts, both variants: what a chart reads. */
export type CohortSeriesSelector = {
  environmentId: string;
  metricKey: string;
  releaseKey: string;
  cohortKeys: readonly string[];
};
export type CohortSeries = { cohortKey: string; variant: Variant; seriesId: number | undefined };

type SeriesRow = {
  id: number;
  environmentId: string;
  metricKey: string;
  releaseKey: string;
  cohortKey: string;
  variant: string;
};

/**
 * Series ids by key. Ids never change once assigned, so a process remembers them; only
 * unseen keys cost a round trip (an insert that ignores a concurrent writer's row, then a read).
 */
export class SeriesRegistry {
  private readonly ids = new Map<string, number>();

  constructor(private readonly db: Db) {}

  async idsFor(keys: readonly SeriesKey[], create: boolean): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    const missing = new Map<string, SeriesKey>();
    for (const key of keys) {
      const text = seriesKeyString(key);
      const id = this.ids.get(text);
      if (id !== undefined) found.set(text, id);
      else missing.set(text, key);
    }
    if (missing.size === 0) return found;
    const wanted = [...missing.values()];
    if (create) await this.insertIgnoringExisting(wanted);
    for (const row of await this.select(wanted)) {
      const text = seriesKeyString(row as SeriesKey);
      this.ids.set(text, row.id);
      found.set(text, row.id);
    }
    return found;
  }

  /** Every cohort × variant of the selector, with its id; undefined where nothing was ever stored. */
  async cohortSeries(selector: CohortSeriesSelector): Promise<CohortSeries[]> {
    const { environmentId, metricKey, releaseKey } = selector;
    const keys = selector.cohortKeys.flatMap((cohortKey) =>
      VARIANTS.map((variant) => {
        const key: SeriesKey = { environmentId, metricKey, releaseKey, cohortKey, variant };
        return { key, text: seriesKeyString(key) };
      }),
    );
    const ids = await this.idsFor(
      keys.map((k) => k.key),
      false,
    );
    return keys.map(({ key, text }) => ({ cohortKey: key.cohortKey, variant: key.variant, seriesId: ids.get(text) }));
  }

  /** After an environment is deleted its cached ids point nowhere: start again from the database. */
  forget(): void {
    this.ids.clear();
  }

  private async insertIgnoringExisting(wanted: SeriesKey[]): Promise<void> {
    // Observations buffered for an environment deleted since are dropped, not retried forever.
    const environmentIds = [...new Set(wanted.map((k) => k.environmentId))];
    const existing = new Set(
      (await this.db.environment.findMany({ where: { id: { in: environmentIds } }, select: { id: true } })).map(
        (e) => e.id,
      ),
    );
    const keys = wanted.filter((k) => existing.has(k.environmentId));
    for (const chunk of chunks(keys, 500)) {
      const values = chunk.map(
        (k) => Prisma.sql`(${k.environmentId}, ${k.metricKey}, ${k.releaseKey}, ${k.cohortKey}, ${k.variant})`,
      );
      await this.db
        .$executeRaw`INSERT INTO "MetricSeries" ("environmentId", "metricKey", "releaseKey", "cohortKey", "variant")
        VALUES ${Prisma.join(values)}
        ON CONFLICT ("environmentId", "metricKey", "releaseKey", "cohortKey", "variant") DO NOTHING`;
    }
  }

  private async select(keys: SeriesKey[]): Promise<SeriesRow[]> {
    const rows: SeriesRow[] = [];
    // Grouped by (environment, metric, release): the series of one chart share those.
    const groups = new Map<string, SeriesKey[]>();
    for (const key of keys) {
      const group = `${key.environmentId}\u0000${key.metricKey}\u0000${key.releaseKey}`;
      groups.set(group, [...(groups.get(group) ?? []), key]);
    }
    for (const group of groups.values()) {
      const { environmentId, metricKey, releaseKey } = group[0]!;
      const cohorts = [...new Set(group.map((k) => k.cohortKey))];
      const found = await this.db.metricSeries.findMany({
        where: { environmentId, metricKey, releaseKey, cohortKey: { in: cohorts } },
      });
      rows.push(...found);
    }
    return rows;
  }
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// Series ids never change, so one registry per database client serves the whole process.
const registries = new WeakMap<Db, SeriesRegistry>();
export function seriesRegistryFor(db: Db): SeriesRegistry {
  let registry = registries.get(db);
  if (!registry) {
    registry = new SeriesRegistry(db);
    registries.set(db, registry);
  }
  return registry;
}
