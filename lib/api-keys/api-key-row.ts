import { z } from "zod";
import { parseRow } from "@/lib/db/parse-row";
import { ROLES } from "@/lib/domain/roles";
import { API_KEY_KINDS } from "./api-key-secret";

/** An SDK key has no role; an admin (automation) key acts with one. */
export const apiKeyRowSchema = z.object({
  kind: z.enum(API_KEY_KINDS),
  role: z.enum(ROLES).nullable(),
});

export function toApiKey<R extends { id: string; kind: string; role: string | null }>(row: R) {
  return parseRow("ApiKey", apiKeyRowSchema, row);
}
