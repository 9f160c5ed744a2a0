import "server-only";
import { z } from "zod";
import { cancelPendingRequests } from "@/lib/change-requests/cancel-pending-requests";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { inTransaction } from "@/lib/db/transaction";
import { STATUS_LABELS } from "@/lib/domain/rollout-state";
import { toReleaseRollout } from "@/lib/rollouts/rollout-row";
import { NotFoundError, ValidationError } from "@/lib/errors/domain-errors";
import { parseInput } from "@/lib/validation/parse-input";
import { releaseKeySchema, teamSlugSchema } from "@/lib/validation/common-schemas";
import { bumpConfigVersion } from "@/lib/rollouts/bump-config-version";

export const archiveReleaseSchema = z.object({ teamSlug: teamSlugSchema, releaseKey: releaseKeySchema });
export type ArchiveReleaseInput = z.input<typeof archiveReleaseSchema>;

// Statuses that serve nobody: archiving such a release changes no user's answer.
const SERVES_NOBODY = new Set(["draft", "rolled_back"]);

/**
 * Archives a release that serves nobody anywhere (draft or rolled back in every environment):
 * SDKs then get FLAG_NOT_FOUND (their default value, which is what "nobody" already meant), it
 * leaves the lists, and its pending requests are cancelled. A live one must be rolled back
 * first — that never waits for approval — so archiving itself never changes who gets anything
 * and needs none.
 */
export async function archiveRelease(actor: Actor | null, rawInput: unknown): Promise<{ key: string }> {
  const input = parseInput(archiveReleaseSchema, rawInput);
  return inTransaction(async (tx) => {
    const access = await requireRole(tx, actor, input.teamSlug, "editor");
    const release = await tx.release.findFirst({
      where: { teamId: access.teamId, key: input.releaseKey, archivedAt: null },
      include: { rollouts: { include: { environment: { select: { id: true, name: true, position: true } } } } },
    });
    if (!release) throw new NotFoundError(`Release "${input.releaseKey}" not found`);
    const live = release.rollouts
      .map(toReleaseRollout)
      .filter((r) => !SERVES_NOBODY.has(r.status))
      .sort((a, b) => a.environment.position - b.environment.position);
    if (live.length) {
      const where = live.map((r) => `${r.environment.name} (${STATUS_LABELS[r.status].toLowerCase()})`).join(", ");
      throw ValidationError.field(
        "releaseKey",
        `${release.name} still serves users in ${where}: roll it back there first (that never waits for approval), then archive it`,
      );
    }
    const archived = await tx.release.updateMany({
      where: { id: release.id, archivedAt: null },
      data: { archivedAt: new Date() },
    });
    if (archived.count !== 1) throw new NotFoundError(`Release "${input.releaseKey}" not found`);
    for (const rollout of release.rollouts) {
      await cancelPendingRequests(
        tx,
        access,
        { releaseId: release.id, environmentId: rollout.environmentId },
        "the release was archived",
      );
    }
    await bumpConfigVersion(tx, { teamId: access.teamId });
    await writeAuditEvent(tx, {
      teamId: access.teamId,
      actor: access.actor,
      action: "release.archived",
      summary: `Archived release ${release.name} (${release.key}); SDKs now get their default value for it`,
      releaseId: release.id,
      before: { statuses: Object.fromEntries(release.rollouts.map((r) => [r.environment.name, r.status])) },
    });
    return { key: release.key };
  });
}

/** Restores an archived release as it was (draft or rolled back everywhere: still serving nobody). */
export async function restoreRelease(actor: Actor | null, rawInput: unknown): Promise<{ key: string }> {
  const input = parseInput(archiveReleaseSchema, rawInput);
  return inTransaction(async (tx) => {
    const access = await requireRole(tx, actor, input.teamSlug, "editor");
    const release = await tx.release.findFirst({ where: { teamId: access.teamId, key: input.releaseKey } });
    if (!release) throw new NotFoundError(`Release "${input.releaseKey}" not found`);
    if (!release.archivedAt) throw ValidationError.field("releaseKey", `${release.name} is not archived`);
    await tx.release.update({ where: { id: release.id }, data: { archivedAt: null } });
    await bumpConfigVersion(tx, { teamId: access.teamId });
    await writeAuditEvent(tx, {
      teamId: access.teamId,
      actor: access.actor,
      action: "release.restored",
      summary: `Restored release ${release.name} (${release.key}); it serves nobody until it is started again`,
      releaseId: release.id,
    });
    return { key: release.key };
  });
}
