import "server-only";
import type { TeamAccess } from "@/lib/auth/require-role";
import { readDb } from "@/lib/db/transaction";
import { loadMetricDefinitions } from "./load-metric-definitions";
import type { MetricDefinitionView } from "./metric-types";

/** The team's metrics in display order. Any member may read. */
export function listMetricDefinitions(access: TeamAccess): Promise<MetricDefinitionView[]> {
  return loadMetricDefinitions(readDb(), access.teamId);
}
