import "server-only";
import type { Tx } from "@/lib/db/client";
import { matchesEveryone } from "@/lib/domain/cohort-reach";
import { cohortDefinitionSchema, type CohortDefinition } from "@/lib/domain/cohort-rules";

export type ActiveCohort = { id: string; key: string; name: string; description: string; priority: number; version: number; definition: CohortDefinition | null };

/** The team's cohorts that take part in evaluation (not archived), by priority. */
export async function loadActiveCohorts(tx: Tx, teamId: string): Promise<ActiveCohort[]> {
  const rows = await tx.cohort.findMany({ where: { teamId, archivedAt: null }, orderBy: { priority: "asc" } });
  return rows.map((row) => {
    const parsed = cohortDefinitionSchema.safeParse(JSON.parse(row.definition));
    return { id: row.id, key: row.key, name: row.name, description: row.description, priority: row.priority, version: row.version, definition: parsed.success ? parsed.data : null };
  });
}

/** Cohorts that let everyone in: the approval policy judges them as "everyone else". */
export async function universalCohortKeys(tx: Tx, teamId: string): Promise<Set<string>> {
  const cohorts = await loadActiveCohorts(tx, teamId);
  return new Set(cohorts.filter((c) => c.definition && matchesEveryone(c.definition)).map((c) => c.key));
}
