import "server-only";
import type { TeamAccess } from "@/lib/auth/require-role";
import type { Tx } from "@/lib/db/client";
import { recordChangeRequestStep } from "./change-request-events";
import { CHANGE_REQUEST_INCLUDE, toChangeRequestView } from "./to-change-request-view";

/** Roll back makes every pending request for that release and environment moot. */
export async function cancelPendingRequests(tx: Tx, access: TeamAccess, ids: { releaseId: string; environmentId: string }, note: string) {
  const pending = await tx.changeRequest.findMany({ where: { ...ids, status: "pending" }, include: CHANGE_REQUEST_INCLUDE });
  for (const row of pending) {
    const decidedAt = new Date();
    const done = await tx.changeRequest.updateMany({ where: { id: row.id, status: "pending" }, data: { status: "cancelled", decidedAt, reviewComment: note } });
    if (done.count !== 1) continue;
    const request = toChangeRequestView({ ...row, status: "cancelled", decidedAt, reviewComment: note });
    await recordChangeRequestStep(tx, "cancelled", { team: access, actor: access.actor, ids, request, note });
  }
  return pending.length;
}
