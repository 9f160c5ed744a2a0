import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { inTransaction } from "@/lib/db/transaction";
import { NotFoundError } from "@/lib/errors/domain-errors";
import { environmentKeySchema, teamSlugSchema } from "@/lib/validation/common-schemas";
import { bumpConfigVersion } from "@/lib/rollouts/bump-config-version";
import { parseInput } from "@/lib/validation/parse-input";
import { apiKeyPrefix, generateApiKey, hashApiKey } from "./api-key-secret";

export const createSdkKeySchema = z.object({
  teamSlug: teamSlugSchema,
  environmentKey: environmentKeySchema,
  name: z.string().trim().min(1, "Name is required").max(80, "Name must be at most 80 characters"),
});
export type CreateSdkKeyInput = z.input<typeof createSdkKeySchema>;

/**
 * Admins only. Returns the key in clear exactly once; only its hash is stored. The
 * environment's config version moves so every evaluator learns the key within a second.
 */
export async function createSdkKey(actor: Actor | null, rawInput: unknown, presetKey?: string) {
  const input = parseInput(createSdkKeySchema, rawInput);
  return inTransaction(async (tx) => {
    const access = await requireRole(tx, actor, input.teamSlug, "admin");
    const environment = await tx.environment.findFirst({ where: { teamId: access.teamId, key: input.environmentKey } });
    if (!environment) throw new NotFoundError(`Environment "${input.environmentKey}" not found`);
    const key = presetKey ?? generateApiKey("sdk");
    const row = await tx.apiKey.create({
      data: {
        teamId: access.teamId,
        environmentId: environment.id,
        kind: "sdk",
        name: input.name,
        prefix: apiKeyPrefix(key),
        hash: hashApiKey(key),
        createdById: access.actor.id,
        createdByName: access.actor.name,
      },
    });
    await bumpConfigVersion(tx, { environmentId: environment.id });
    await writeAuditEvent(tx, {
      teamId: access.teamId,
      actor: access.actor,
      action: "api_key.created",
      summary: `Created SDK key "${row.name}" (${row.prefix}) for ${environment.name}`,
      environmentId: environment.id,
      after: { name: row.name, prefix: row.prefix, kind: row.kind },
    });
    return { id: row.id, key, prefix: row.prefix, name: row.name, environmentKey: environment.key };
  });
}
