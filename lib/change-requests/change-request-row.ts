import { z } from "zod";
import { jsonColumn, parseRow } from "@/lib/db/parse-row";
import { CHANGE_REQUEST_KINDS, CHANGE_REQUEST_STATUSES } from "./change-request-view";

/** The columns of a change request that are stored as text: its kind, status and reasons. */
export const changeRequestRowSchema = z.object({
  kind: z.enum(CHANGE_REQUEST_KINDS),
  status: z.enum(CHANGE_REQUEST_STATUSES),
  /** Why the policy asked for approval, in words. */
  reasons: jsonColumn(z.array(z.string())),
});

export function toChangeRequest<R extends { id: string; kind: string; status: string; reasons: string }>(row: R) {
  return parseRow("ChangeRequest", changeRequestRowSchema, row);
}

const reasonsSchema = changeRequestRowSchema.pick({ reasons: true });

/** Only the reasons (the approver was shown these). */
export function requestReasons(row: { id: string; reasons: string }): string[] {
  return parseRow("ChangeRequest", reasonsSchema, row).reasons;
}
