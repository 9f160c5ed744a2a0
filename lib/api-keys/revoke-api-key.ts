import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { inTransaction } from "@/lib/db/transaction";
import { NotFoundError, ValidationError } from "@/lib/errors/domain-errors";
import { teamSlugSchema } from "@/lib/validation/common-schemas";
import { bumpConfigVersion } from "@/lib/rollouts/bump-config-version";
import { parseInput } from "@/lib/validation/parse-input";

export const revokeApiKeySchema = z.object({
  teamSlug: teamSlugSchema,
  keyId: z.string().trim().min(1, "Key is required").max(64),
});
export type RevokeApiKeyInput = z.input<typeof revokeApiKeySchema>;

/** Admins only. Evaluators refuse the key within a second (the config version moves). */
export async function revokeApiKey(actor: Actor | null, rawInput: unknown) {
  const input = parseInput(revokeApiKeySchema, rawInput);
  return inTransaction(async (tx) => {
    const access = await requireRole(tx, actor, input.teamSlug, "admin");
    const key = await tx.apiKey.findFirst({ where: { id: input.keyId, teamId: access.teamId } });
    if (!key) throw new NotFoundError("API key not found");
    if (key.revokedAt) throw ValidationError.field("keyId", "This key is already revoked");
    const revokedAt = new Date();
    await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt } });
    if (key.environmentId) await bumpConfigVersion(tx, { environmentId: key.environmentId });
    else await bumpConfigVersion(tx, { teamId: access.teamId });
    await writeAuditEvent(tx, {
      teamId: access.teamId,
      actor: access.actor,
      action: "api_key.revoked",
      summary: `Revoked ${key.kind.toUpperCase()} key "${key.name}" (${key.prefix})`,
      environmentId: key.environmentId,
      before: { revokedAt: null },
      after: { revokedAt: revokedAt.toISOString() },
    });
    return { id: key.id, revokedAt };
  });
}
