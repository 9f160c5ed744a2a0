import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { inTransaction } from "@/lib/db/transaction";
import { teamSlugSchema } from "@/lib/validation/common-schemas";
import { parseInput } from "@/lib/validation/parse-input";
import { apiKeyPrefix, generateApiKey, hashApiKey } from "./api-key-secret";

/** What an automation key may be: approving and administering stay with people. */
export const ADMIN_KEY_ROLES = ["viewer", "editor"] as const;
export type AdminKeyRole = (typeof ADMIN_KEY_ROLES)[number];

export const createAdminKeySchema = z.object({
  teamSlug: teamSlugSchema,
  name: z.string().trim().min(1, "Name is required").max(80, "Name must be at most 80 characters"),
  role: z.enum(ADMIN_KEY_ROLES, { error: "Role must be viewer (reads) or editor (also changes rollouts)" }),
});
export type CreateAdminKeyInput = z.input<typeof createAdminKeySchema>;

/**
 * Admins only. An admin (automation) key belongs to the team, not an environment, and acts
 * with its role on the REST API (/api/v1). Returned in clear exactly once; only its hash is
 * stored. Evaluators never accept it, so no config version moves.
 */
export async function createAdminKey(actor: Actor | null, rawInput: unknown) {
  const input = parseInput(createAdminKeySchema, rawInput);
  return inTransaction(async (tx) => {
    const access = await requireRole(tx, actor, input.teamSlug, "admin");
    const key = generateApiKey("admin");
    const row = await tx.apiKey.create({
      data: {
        teamId: access.teamId,
        kind: "admin",
        role: input.role,
        name: input.name,
        prefix: apiKeyPrefix(key),
        hash: hashApiKey(key),
        createdById: access.actor.id,
        createdByName: access.actor.name,
      },
    });
    await writeAuditEvent(tx, {
      teamId: access.teamId,
      actor: access.actor,
      action: "api_key.created",
      summary: `Created admin API key "${row.name}" (${row.prefix}) with the ${input.role} role`,
      after: { name: row.name, prefix: row.prefix, kind: row.kind, role: input.role },
    });
    return { id: row.id, key, prefix: row.prefix, name: row.name, role: input.role };
  });
}
