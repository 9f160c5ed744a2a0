import "server-only";
import type { TeamAccess, TeamActor } from "@/lib/auth/require-role";
import type { Prisma, Tx } from "@/lib/db/client";
import { recordChangeRequestStep } from "./change-request-events";
import { CHANGE_REQUEST_INCLUDE, requestIds, toChangeRequestView } from "./to-change-request-view";

/** Roll back makes every pending request for that release and environment moot (a cancelled plan, its own). */
export async function cancelPendingRequests(
  tx: Tx,
  access: TeamActor,
  ids: { releaseId: string; environmentId: string; kinds?: readonly string[] },
  note: string,
) {
  const { kinds, ...where } = ids;
  return cancelPendingWhere(
    tx,
    access,
    { teamId: access.teamId, ...where, ...(kinds ? { kind: { in: [...kinds] } } : {}) },
    note,
  );
}

/**
 * A requester who left the team, or can no longer edit, should not have a change applied in
 * their name later: an approver would be approving someone without the right to ask.
 */
export async function cancelPendingRequestsOf(
  tx: Tx,
  access: TeamAccess,
  requester: { type: string; id: string },
  note: string,
) {
  return cancelPendingWhere(
    tx,
    access,
    { teamId: access.teamId, requesterType: requester.type, requesterId: requester.id },
    note,
  );
}

async function cancelPendingWhere(tx: Tx, access: TeamActor, where: Prisma.ChangeRequestWhereInput, note: string) {
  const pending = await tx.changeRequest.findMany({
    where: { ...where, status: "pending" },
    include: CHANGE_REQUEST_INCLUDE,
  });
  let cancelled = 0;
  for (const row of pending) {
    const decidedAt = new Date();
    const done = await tx.changeRequest.updateMany({
      where: { id: row.id, status: "pending" },
      data: { status: "cancelled", decidedAt, reviewComment: note },
    });
    if (done.count !== 1) continue;
    cancelled += 1;
    const request = toChangeRequestView({ ...row, status: "cancelled", decidedAt, reviewComment: note });
    await recordChangeRequestStep(tx, "cancelled", {
      team: access,
      actor: access.actor,
      ids: requestIds(row),
      request,
      note,
    });
  }
  return cancelled;
}
