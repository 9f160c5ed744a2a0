import { z } from "zod";
import { parseRow } from "@/lib/db/parse-row";
import { ROLES } from "@/lib/domain/roles";

export const membershipRowSchema = z.object({ role: z.enum(ROLES) });

export function toMembership<R extends { id: string; role: string }>(row: R) {
  return parseRow("Membership", membershipRowSchema, row);
}
