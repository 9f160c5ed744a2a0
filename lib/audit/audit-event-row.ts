import { z } from "zod";
import { ACTOR_TYPES } from "@/lib/auth/actor";
import { jsonColumn, parseRow } from "@/lib/db/parse-row";

/** What changed, as stored: any JSON (each action has its own shape), or nothing. */
const changeSide = jsonColumn(z.unknown()).nullable();

export const auditEventRowSchema = z.object({
  actorType: z.enum(ACTOR_TYPES),
  before: changeSide,
  after: changeSide,
});

export function toAuditEvent<R extends { id: string; actorType: string; before: string | null; after: string | null }>(
  row: R,
) {
  return parseRow("AuditEvent", auditEventRowSchema, row);
}
