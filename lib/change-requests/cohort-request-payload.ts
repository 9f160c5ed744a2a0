import { z } from "zod";
import { jsonColumn, parseRow } from "@/lib/db/parse-row";
import { cohortDefinitionSchema, describeDefinition } from "@/lib/domain/cohort-rules";
import type { ChangeRequestKind } from "./change-request-view";

/** What a cohort_update request stores on each side. */
export const cohortFieldsPayloadSchema = z.object({
  name: z.string(),
  description: z.string(),
  definition: cohortDefinitionSchema,
});
export type CohortFieldsPayload = z.infer<typeof cohortFieldsPayloadSchema>;

/** cohort_move and cohort_archive store the team's cohort order (keys by priority) on each side. */
export const cohortOrderPayloadSchema = z.object({
  order: z.array(z.string()),
  /** The cohorts whose users move, with the versions that were judged: if either changed, the request is stale. */
  versions: z.record(z.string(), z.number().int()),
});
export type CohortOrderPayload = z.infer<typeof cohortOrderPayloadSchema>;

type PayloadRow = { id: string; before: string; proposed: string };

const fieldsRowSchema = z.object({
  before: jsonColumn(cohortFieldsPayloadSchema),
  proposed: jsonColumn(cohortFieldsPayloadSchema),
});
const orderRowSchema = z.object({
  before: jsonColumn(cohortOrderPayloadSchema),
  proposed: jsonColumn(cohortOrderPayloadSchema),
});

/** A cohort_update request's stored sides. */
export function cohortFieldsPayload(row: PayloadRow): { before: CohortFieldsPayload; proposed: CohortFieldsPayload } {
  const { before, proposed } = parseRow("ChangeRequest", fieldsRowSchema, row);
  return { before, proposed };
}

/** A cohort_move or cohort_archive request's stored sides. */
export function cohortOrderPayload(row: PayloadRow): { before: CohortOrderPayload; proposed: CohortOrderPayload } {
  const { before, proposed } = parseRow("ChangeRequest", orderRowSchema, row);
  return { before, proposed };
}

/** One line for a cohort request, e.g. "Edit cohort Beta: 2 listed targeting keys → targetingKey starts with zz-". */
export function describeCohortRequest(
  kind: ChangeRequestKind,
  cohort: { key: string; name: string },
  row: PayloadRow,
): string {
  if (kind === "cohort_update") {
    const { before, proposed: after } = cohortFieldsPayload(row);
    const rename = before.name !== after.name ? ` (renamed ${before.name} → ${after.name})` : "";
    return `Edit cohort ${cohort.name}${rename}: ${describeDefinition(before.definition)} → ${describeDefinition(after.definition)}`;
  }
  const { before, proposed: after } = cohortOrderPayload(row);
  if (kind === "cohort_archive") return `Archive cohort ${cohort.name} (its users fall to the cohorts after it)`;
  const was = before.order.indexOf(cohort.key) + 1;
  const now = after.order.indexOf(cohort.key) + 1;
  return `Move cohort ${cohort.name} ${now < was ? "up" : "down"} (priority ${was} → ${now})`;
}
