import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { inTransaction } from "@/lib/db/transaction";
import { ValidationError } from "@/lib/errors/domain-errors";
import { parseInput } from "@/lib/validation/parse-input";
import { releaseKeySchema, teamSlugSchema } from "@/lib/validation/common-schemas";
import { lockTeamStructure } from "@/lib/db/lock-team-structure";
import { bumpConfigVersion } from "@/lib/rollouts/bump-config-version";
import { assertOwnerIsMember } from "./assert-owner-is-member";

export const releaseDetailsSchema = z.object({
  name: z.string().trim().min(1, "Name is required").max(120, "Name must be at most 120 characters"),
  description: z.string().trim().max(2000, "Description must be at most 2000 characters").default(""),
  ownerId: z
    .string()
    .trim()
    .max(64)
    .nullish()
    .transform((v) => v || null),
  // Left out: unchanged (on create: not critical).
  critical: z.boolean({ error: "Critical must be true or false" }).optional(),
});

export const createReleaseSchema = releaseDetailsSchema.extend({
  teamSlug: teamSlugSchema,
  key: releaseKeySchema,
});

export type CreateReleaseInput = z.input<typeof createReleaseSchema>;

/** A new release starts as a draft at 0% in every environment: nobody gets it yet. */
export async function createRelease(actor: Actor | null, rawInput: unknown) {
  const input = parseInput(createReleaseSchema, rawInput);
  return inTransaction(async (tx) => {
    const access = await requireRole(tx, actor, input.teamSlug, "editor");
    // Serialises with environment creation too, so every release gets a rollout everywhere.
    await lockTeamStructure(tx, access.teamId);
    const existing = await tx.release.findFirst({
      where: { teamId: access.teamId, key: input.key },
      select: { archivedAt: true },
    });
    if (existing) {
      // SDKs ask by key: an archived release keeps its key, so old code can never meet a new release.
      throw ValidationError.field(
        "key",
        `A release with key "${input.key}" already exists${existing.archivedAt ? " (archived: restore it instead)" : ""}`,
      );
    }
    await assertOwnerIsMember(tx, access.teamId, input.ownerId);
    const environments = await tx.environment.findMany({ where: { teamId: access.teamId } });
    const release = await tx.release.create({
      data: {
        teamId: access.teamId,
        key: input.key,
        name: input.name,
        description: input.description,
        ownerId: input.ownerId,
        critical: input.critical ?? false,
        salt: input.key,
        rollouts: {
          create: environments.map((e) => ({
            environmentId: e.id,
            updatedById: access.actor.id,
            updatedByName: access.actor.name,
          })),
        },
      },
    });
    await bumpConfigVersion(tx, { teamId: access.teamId });
    await writeAuditEvent(tx, {
      teamId: access.teamId,
      actor: access.actor,
      action: "release.created",
      summary: `Created release ${release.name} (${release.key})`,
      releaseId: release.id,
      after: {
        key: release.key,
        name: release.name,
        description: release.description,
        ownerId: release.ownerId,
        critical: release.critical,
      },
    });
    return release;
  });
}
