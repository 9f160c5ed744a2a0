import type { Db, Tx } from "@/lib/db/client";
import { toMetricDefinitionView } from "./metric-definition-row";
import type { MetricDefinitionView } from "./metric-types";

/**
 * The team's metrics in display order, for callers that hold no member's access: ingest (an
 * SDK key's team) and embeds (a link's team). Pages read them with listMetricDefinitions.
 */
export async function loadMetricDefinitions(db: Db | Tx, teamId: string): Promise<MetricDefinitionView[]> {
  const rows = await db.metricDefinition.findMany({ where: { teamId }, orderBy: { position: "asc" } });
  return rows.map(toMetricDefinitionView);
}
