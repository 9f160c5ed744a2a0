import "server-only";
import type { Tx } from "@/lib/db/client";
import { missingCohortKeys } from "./missing-cohort-keys";

type Percentages = { defaultBasisPoints: number; cohorts: Record<string, number> };

/**
 * Percentages taken from history (a restore, a revert) may name a cohort archived since; it
 * matches nobody any more, so it is left out rather than refused.
 */
export async function withoutArchivedCohorts(tx: Tx, teamId: string, percentages: Percentages): Promise<Percentages> {
  const gone = new Set(await missingCohortKeys(tx, teamId, Object.keys(percentages.cohorts)));
  const cohorts = Object.fromEntries(Object.entries(percentages.cohorts).filter(([key]) => !gone.has(key)));
  return { defaultBasisPoints: percentages.defaultBasisPoints, cohorts };
}
