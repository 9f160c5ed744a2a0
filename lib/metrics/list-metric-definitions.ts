import type { Db, Tx } from "@/lib/db/client";
import {
  BAD_DIRECTIONS,
  METRIC_KINDS,
  METRIC_SOURCES,
  type MetricDefinitionView,
} from "./metric-types";

type MetricRow = {
  key: string;
  name: string;
  unit: string;
  kind: string;
  badDirection: string;
  source: string;
  query: string | null;
  sampleQuery: string | null;
};

function oneOf<T extends string>(allowed: readonly T[], value: string, fallback: T): T {
  return (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

export function toMetricDefinitionView(row: MetricRow): MetricDefinitionView {
  return {
    key: row.key,
    name: row.name,
    unit: row.unit,
    kind: oneOf(METRIC_KINDS, row.kind, "count"),
    badDirection: oneOf(BAD_DIRECTIONS, row.badDirection, "up"),
    source: oneOf(METRIC_SOURCES, row.source, "builtin"),
    query: row.query,
    sampleQuery: row.sampleQuery,
  };
}

/** The team's metrics in display order. */
export async function listMetricDefinitions(db: Db | Tx, teamId: string): Promise<MetricDefinitionView[]> {
  const rows = await db.metricDefinition.findMany({ where: { teamId }, orderBy: { position: "asc" } });
  return rows.map(toMetricDefinitionView);
}
