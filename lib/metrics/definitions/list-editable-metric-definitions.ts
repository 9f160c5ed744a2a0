import "server-only";
import type { Tx } from "@/lib/db/client";
import { readDb } from "@/lib/db/transaction";
import { toMetricDefinitionView } from "@/lib/metrics/list-metric-definitions";
import type { MetricDefinitionView } from "@/lib/metrics/metric-types";

/** A definition as the editing page needs it: the version a save must match. */
export type EditableMetricDefinition = MetricDefinitionView & { version: number };

type Row = Parameters<typeof toMetricDefinitionView>[0] & { version: number };

export function toEditableMetricDefinition(row: Row): EditableMetricDefinition {
  return { ...toMetricDefinitionView(row), version: row.version };
}

/** The team's metrics in display order, with versions. */
export async function listEditableMetricDefinitions(teamId: string, db: Tx = readDb()): Promise<EditableMetricDefinition[]> {
  const rows = await db.metricDefinition.findMany({ where: { teamId }, orderBy: [{ position: "asc" }, { key: "asc" }] });
  return rows.map(toEditableMetricDefinition);
}
