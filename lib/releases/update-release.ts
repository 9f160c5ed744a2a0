import "server-only";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { inTransaction } from "@/lib/db/transaction";
import { roleAtLeast } from "@/lib/domain/roles";
import { ForbiddenError, NotFoundError } from "@/lib/errors/domain-errors";
import { parseInput } from "@/lib/validation/parse-input";
import { assertOwnerIsMember } from "./assert-owner-is-member";
import { releaseDetailsSchema } from "./create-release";
import { releaseKeySchema, teamSlugSchema } from "@/lib/validation/common-schemas";

export const updateReleaseSchema = releaseDetailsSchema.extend({
  teamSlug: teamSlugSchema,
  releaseKey: releaseKeySchema,
});
export type UpdateReleaseInput = z.input<typeof updateReleaseSchema>;

/**
 * Name, description, owner and the critical mark; the key is what SDKs ask for, so it never
 * changes. Marking critical tightens approval, so any editor may; unmarking loosens it, so
 * only admins may.
 */
export async function updateRelease(actor: Actor | null, rawInput: unknown) {
  const input = parseInput(updateReleaseSchema, rawInput);
  return inTransaction(async (tx) => {
    const access = await requireRole(tx, actor, input.teamSlug, "editor");
    const release = await tx.release.findFirst({
      where: { teamId: access.teamId, key: input.releaseKey, archivedAt: null },
    });
    if (!release) throw new NotFoundError(`Release "${input.releaseKey}" not found`);
    await assertOwnerIsMember(tx, access.teamId, input.ownerId);
    const critical = input.critical ?? release.critical;
    if (release.critical && !critical && !roleAtLeast(access.role, "admin")) {
      throw new ForbiddenError("Only admins can unmark a critical release (it loosens the approval policy)");
    }
    const before = {
      name: release.name,
      description: release.description,
      ownerId: release.ownerId,
      critical: release.critical,
    };
    const after = { name: input.name, description: input.description, ownerId: input.ownerId, critical };
    if (JSON.stringify(before) === JSON.stringify(after)) return release;
    const updated = await tx.release.update({ where: { id: release.id }, data: after });
    await writeAuditEvent(tx, {
      teamId: access.teamId,
      actor: access.actor,
      action: "release.updated",
      summary: `Edited details of ${updated.name}`,
      releaseId: release.id,
      before,
      after,
    });
    return updated;
  });
}
