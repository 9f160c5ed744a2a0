import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { inTransaction } from "@/lib/db/transaction";
import { roleAtLeast } from "@/lib/domain/roles";
import { ForbiddenError, NotFoundError } from "@/lib/errors/domain-errors";
import { teamSlugSchema } from "@/lib/validation/common-schemas";
import { parseInput } from "@/lib/validation/parse-input";

export const revokeEmbedLinkSchema = z.object({
  teamSlug: teamSlugSchema,
  id: z.string().trim().min(1, "Embed link is required").max(64),
});
export type RevokeEmbedLinkInput = z.input<typeof revokeEmbedLinkSchema>;

/** Admins revoke any link; the editor who made one may revoke their own. Takes effect at once. */
export async function revokeEmbedLink(actor: Actor | null, rawInput: unknown) {
  const input = parseInput(revokeEmbedLinkSchema, rawInput);
  return inTransaction(async (tx) => {
    const access = await requireRole(tx, actor, input.teamSlug, "editor");
    const link = await tx.embedLink.findFirst({
      where: { id: input.id, teamId: access.teamId },
      include: { release: { select: { name: true } }, environment: { select: { name: true } } },
    });
    if (!link) throw new NotFoundError("Embed link not found");
    if (!roleAtLeast(access.role, "admin") && link.createdById !== access.actor.id)
      throw new ForbiddenError("Only admins, or the person who made it, can revoke an embed link");
    if (link.revokedAt) return { id: link.id, revokedAt: link.revokedAt.toISOString() };
    const revokedAt = new Date();
    await tx.embedLink.update({ where: { id: link.id }, data: { revokedAt, revokedByName: access.actor.name } });
    await writeAuditEvent(tx, {
      teamId: access.teamId,
      actor: access.actor,
      action: "embed_link.revoked",
      summary: `Revoked embed link "${link.name}" (${link.prefix}) for ${link.release.name} in ${link.environment.name}`,
      environmentId: link.environmentId,
      releaseId: link.releaseId,
      before: { revokedAt: null },
      after: { revokedAt },
    });
    return { id: link.id, revokedAt: revokedAt.toISOString() };
  });
}
