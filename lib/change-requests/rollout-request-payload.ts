import { z } from "zod";
import type { ProposedPercentages } from "./change-request-view";

const percentagesSchema = z.object({
  defaultBasisPoints: z.number().int(),
  cohorts: z.record(z.string(), z.number().int()),
});

/** A rollout request's stored before/proposed percentages, parsed rather than cast. */
export function rolloutRequestPayload(row: { before: string; proposed: string }): { before: ProposedPercentages; proposed: ProposedPercentages } {
  return { before: percentagesSchema.parse(JSON.parse(row.before)), proposed: percentagesSchema.parse(JSON.parse(row.proposed)) };
}
