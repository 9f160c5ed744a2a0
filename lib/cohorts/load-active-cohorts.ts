import "server-only";
import type { Tx } from "@/lib/db/client";
import { matchesEveryone } from "@/lib/domain/cohort-reach";
import type { CohortDefinition } from "@/lib/domain/cohort-rules";
import { toCohort } from "./cohort-row";

export type ActiveCohort = {
  id: string;
  key: string;
  name: string;
  description: string;
  priority: number;
  version: number;
  definition: CohortDefinition | null;
};

/** The team's cohorts that take part in evaluation (not archived), by priority. */
export async function loadActiveCohorts(tx: Tx, teamId: string): Promise<ActiveCohort[]> {
  const rows = await tx.cohort.findMany({ where: { teamId, archivedAt: null }, orderBy: { priority: "asc" } });
  return rows.map(toCohort).map(({ id, key, name, description, priority, version, definition }) => ({
    id,
    key,
    name,
    description,
    priority,
    version,
    definition,
  }));
}

/** Cohorts that let everyone in: the approval policy judges them as "everyone else". */
export async function universalCohortKeys(tx: Tx, teamId: string): Promise<Set<string>> {
  return universalAfter(await loadActiveCohorts(tx, teamId));
}

/** The cohorts that would match everyone once `cohortKey` has `definition` (null: as they are). */
export function universalAfter(
  cohorts: readonly ActiveCohort[],
  change: { cohortKey: string; definition: CohortDefinition } | null = null,
): Set<string> {
  const definitionOf = (c: ActiveCohort) => (change && c.key === change.cohortKey ? change.definition : c.definition);
  const universal = cohorts.filter((c) => {
    const definition = definitionOf(c);
    return definition !== null && matchesEveryone(definition);
  });
  return new Set(universal.map((c) => c.key));
}
