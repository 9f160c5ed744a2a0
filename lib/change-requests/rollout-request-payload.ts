import { z } from "zod";
import { jsonColumn, parseRow } from "@/lib/db/parse-row";
import type { ProposedPercentages } from "./change-request-view";

const percentagesSchema = z.object({
  defaultBasisPoints: z.number().int(),
  cohorts: z.record(z.string(), z.number().int()),
});

const payloadSchema = z.object({ before: jsonColumn(percentagesSchema), proposed: jsonColumn(percentagesSchema) });

/** A rollout request's stored before/proposed percentages, parsed rather than cast. */
export function rolloutRequestPayload(row: { id: string; before: string; proposed: string }): {
  before: ProposedPercentages;
  proposed: ProposedPercentages;
} {
  const { before, proposed } = parseRow("ChangeRequest", payloadSchema, row);
  return { before, proposed };
}
