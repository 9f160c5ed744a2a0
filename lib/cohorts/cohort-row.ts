import { z } from "zod";
import { jsonColumn, parseRow } from "@/lib/db/parse-row";
import { cohortDefinitionSchema, type CohortDefinition } from "@/lib/domain/cohort-rules";

/**
 * A cohort's definition column. Text that isn't JSON is corruption (CorruptRowError). JSON that
 * no longer validates (a rule tightened since it was saved) is null on purpose: the evaluator
 * lets such a cohort match nobody rather than take the API down (environment-snapshot), the
 * pages show the same, and the cohort can still be opened and fixed.
 */
const storedDefinition = jsonColumn(z.unknown()).transform((value): CohortDefinition | null => {
  const parsed = cohortDefinitionSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
});

export const cohortRowSchema = z.object({ definition: storedDefinition });

export function toCohort<R extends { id: string; definition: string }>(row: R) {
  return parseRow("Cohort", cohortRowSchema, row);
}

/** What an invalid definition is shown as where one is needed: nobody is listed. */
export const MATCHES_NOBODY: CohortDefinition = { kind: "keys", targetingKeys: [] };
