import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { cancelPendingRequestsOf } from "@/lib/change-requests/cancel-pending-requests";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { inTransaction } from "@/lib/db/transaction";
import { ConflictError } from "@/lib/errors/domain-errors";
import { teamSlugSchema } from "@/lib/validation/common-schemas";
import { parseInput } from "@/lib/validation/parse-input";
import { assertAdminRemains, lastAdminMessage } from "./assert-admin-remains";
import { authoriseMemberChange } from "./authorise-member-change";
import { loadMembershipOrThrow } from "./load-membership-or-throw";
import { membershipIdSchema } from "./member-schemas";

export const removeMemberSchema = z.object({
  teamSlug: teamSlugSchema,
  membershipId: membershipIdSchema,
});
export type RemoveMemberInput = z.input<typeof removeMemberSchema>;

/**
 * Admins only; an admin may remove themselves unless they are the last one (then they lose
 * access at once). The user row stays (audit events and other teams refer to it). Releases of
 * this team they owned are left without an owner, each with its own audit event, because an
 * owner must be a member. Their pending change requests are cancelled: nobody should approve a
 * change asked for by someone no longer in the team.
 */
export async function removeMember(actor: Actor | null, rawInput: unknown) {
  const input = parseInput(removeMemberSchema, rawInput);
  return inTransaction(async (tx) => {
    const access = await authoriseMemberChange(tx, actor, input.teamSlug);
    const membership = await loadMembershipOrThrow(tx, access.teamId, input.membershipId);
    const { user } = membership;
    const isSelf = access.actor.type === "user" && access.actor.id === user.id;
    if (
      membership.role === "admin" &&
      (await tx.membership.count({ where: { teamId: access.teamId, role: "admin" } })) <= 1
    ) {
      throw new ConflictError(lastAdminMessage(user.name, isSelf), { role: membership.role });
    }
    await tx.membership.delete({ where: { id: membership.id } });
    await assertAdminRemains(tx, access.teamId);
    const owned = await tx.release.findMany({
      where: { teamId: access.teamId, ownerId: user.id },
      select: { id: true, key: true, name: true },
    });
    if (owned.length > 0)
      await tx.release.updateMany({ where: { id: { in: owned.map((r) => r.id) } }, data: { ownerId: null } });
    for (const release of owned) {
      await writeAuditEvent(tx, {
        teamId: access.teamId,
        actor: access.actor,
        action: "release.updated",
        summary: `${release.name} has no owner now: ${user.name} left the team`,
        releaseId: release.id,
        before: { owner: user.name },
        after: { owner: null },
      });
    }
    const cancelledRequests = await cancelPendingRequestsOf(
      tx,
      access,
      { type: "user", id: user.id },
      `${user.name} left the team`,
    );
    await writeAuditEvent(tx, {
      teamId: access.teamId,
      actor: access.actor,
      action: "member.removed",
      summary: isSelf
        ? `${user.name} left the team (was ${membership.role})`
        : `Removed ${user.name} (${user.email}), who was ${membership.role}`,
      before: {
        name: user.name,
        email: user.email,
        role: membership.role,
        ...(owned.length ? { ownedReleases: owned.map((r) => r.key) } : {}),
      },
    });
    return {
      membershipId: membership.id,
      userId: user.id,
      name: user.name,
      self: isSelf,
      releasesWithoutOwner: owned.map((r) => r.key),
      cancelledRequests,
    };
  });
}
