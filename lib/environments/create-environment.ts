import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { inTransaction } from "@/lib/db/transaction";
import { ValidationError } from "@/lib/errors/domain-errors";
import { teamSlugSchema } from "@/lib/validation/common-schemas";
import { lockTeamStructure } from "@/lib/db/lock-team-structure";
import { parseInput } from "@/lib/validation/parse-input";

export const createEnvironmentSchema = z.object({
  teamSlug: teamSlugSchema,
  key: z
    .string()
    .trim()
    .min(1, "Key is required")
    .max(32, "Key must be at most 32 characters")
    .regex(/^[a-z0-9][a-z0-9-]*$/, "Key may contain lowercase letters, digits and '-'"),
  name: z.string().trim().min(1, "Name is required").max(64, "Name must be at most 64 characters"),
});
export type CreateEnvironmentInput = z.input<typeof createEnvironmentSchema>;

/** Admins only. Every existing release gets a draft rollout at 0% in the new environment. */
export async function createEnvironment(actor: Actor | null, rawInput: unknown) {
  const input = parseInput(createEnvironmentSchema, rawInput);
  return inTransaction(async (tx) => {
    const access = await requireRole(tx, actor, input.teamSlug, "admin");
    await lockTeamStructure(tx, access.teamId);
    if (await tx.environment.findFirst({ where: { teamId: access.teamId, key: input.key }, select: { id: true } })) {
      throw ValidationError.field("key", `An environment with key "${input.key}" already exists`);
    }
    const last = await tx.environment.findFirst({ where: { teamId: access.teamId }, orderBy: { position: "desc" } });
    const environment = await tx.environment.create({
      data: { teamId: access.teamId, key: input.key, name: input.name, position: (last?.position ?? 0) + 1 },
    });
    const releases = await tx.release.findMany({ where: { teamId: access.teamId }, select: { id: true } });
    for (const release of releases) {
      await tx.releaseRollout.create({
        data: {
          releaseId: release.id,
          environmentId: environment.id,
          updatedById: access.actor.id,
          updatedByName: access.actor.name,
        },
      });
    }
    await writeAuditEvent(tx, {
      teamId: access.teamId,
      actor: access.actor,
      action: "environment.created",
      summary: `Added environment ${environment.name} (${environment.key})`,
      environmentId: environment.id,
      after: { key: environment.key, name: environment.name },
    });
    return environment;
  });
}
