import "server-only";
import type { TeamAccess } from "@/lib/auth/require-role";
import { readDb } from "@/lib/db/transaction";
import { toMetricDefinitionView } from "@/lib/metrics/metric-definition-row";
import type { MetricDefinitionView } from "@/lib/metrics/metric-types";

/** A definition as the editing page needs it: the version a save must match. */
export type EditableMetricDefinition = MetricDefinitionView & { version: number };

type Row = Parameters<typeof toMetricDefinitionView>[0] & { version: number };

export function toEditableMetricDefinition(row: Row): EditableMetricDefinition {
  return { ...toMetricDefinitionView(row), version: row.version };
}

/** The team's metrics in display order, with versions. Any member may read. */
export async function listEditableMetricDefinitions(access: TeamAccess): Promise<EditableMetricDefinition[]> {
  const rows = await readDb().metricDefinition.findMany({
    where: { teamId: access.teamId },
    orderBy: [{ position: "asc" }, { key: "asc" }],
  });
  return rows.map(toEditableMetricDefinition);
}
