import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { cancelPendingRequestsOf } from "@/lib/change-requests/cancel-pending-requests";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { canRequestChanges } from "@/lib/domain/roles";
import { inTransaction } from "@/lib/db/transaction";
import { ConflictError } from "@/lib/errors/domain-errors";
import { teamSlugSchema } from "@/lib/validation/common-schemas";
import { parseInput } from "@/lib/validation/parse-input";
import { assertAdminRemains, lastAdminMessage } from "./assert-admin-remains";
import { authoriseMemberChange } from "./authorise-member-change";
import { loadMembershipOrThrow } from "./load-membership-or-throw";
import { membershipIdSchema, roleSchema } from "./member-schemas";

export const changeMemberRoleSchema = z.object({
  teamSlug: teamSlugSchema,
  membershipId: membershipIdSchema,
  role: roleSchema,
  // The role the admin saw: a membership has no version, and its role is all there is to change.
  expectedRole: roleSchema,
});
export type ChangeMemberRoleInput = z.input<typeof changeMemberRoleSchema>;

/**
 * Admins only. Refused with a ConflictError when the role moved since the admin looked, or
 * when it would leave the team without an admin. The member's next request is authorised
 * with the new role: requireRole reads the membership on every call. A member made viewer can
 * no longer ask for changes, so their pending change requests are cancelled.
 */
export async function changeMemberRole(actor: Actor | null, rawInput: unknown) {
  const input = parseInput(changeMemberRoleSchema, rawInput);
  return inTransaction(async (tx) => {
    const access = await authoriseMemberChange(tx, actor, input.teamSlug);
    const membership = await loadMembershipOrThrow(tx, access.teamId, input.membershipId);
    const { user } = membership;
    if (membership.role !== input.expectedRole) {
      throw new ConflictError(
        `${user.name}'s role was changed to ${membership.role} by someone else meanwhile. Nothing was saved; check it and try again.`,
        { role: membership.role },
      );
    }
    const result = {
      membershipId: membership.id,
      userId: user.id,
      name: user.name,
      before: membership.role,
      role: input.role,
      cancelledRequests: 0,
    };
    if (membership.role === input.role) return result;
    const isSelf = access.actor.type === "user" && access.actor.id === user.id;
    if (
      membership.role === "admin" &&
      (await tx.membership.count({ where: { teamId: access.teamId, role: "admin" } })) <= 1
    ) {
      throw new ConflictError(lastAdminMessage(user.name, isSelf), { role: membership.role });
    }
    await tx.membership.update({ where: { id: membership.id }, data: { role: input.role } });
    await assertAdminRemains(tx, access.teamId);
    await writeAuditEvent(tx, {
      teamId: access.teamId,
      actor: access.actor,
      action: "member.role_changed",
      summary: `Changed ${isSelf ? "their own" : `${user.name}'s`} role: ${membership.role} → ${input.role}`,
      before: { role: membership.role },
      after: { role: input.role },
    });
    if (!canRequestChanges(input.role)) {
      result.cancelledRequests = await cancelPendingRequestsOf(
        tx,
        access,
        { type: "user", id: user.id },
        `${user.name} is a viewer now`,
      );
    }
    return result;
  });
}
