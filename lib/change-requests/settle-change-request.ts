import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { TeamAccess } from "@/lib/auth/require-role";
import type { Tx } from "@/lib/db/client";
import { ConflictError } from "@/lib/errors/domain-errors";
import type { ChangeRequestStatus, ChangeRequestView } from "./change-request-view";
import { recordChangeRequestStep, type ChangeRequestStep } from "./change-request-events";
import type { ChangeRequestRow } from "./to-change-request-view";
import { requestIds, toChangeRequestView } from "./to-change-request-view";

type Team = Pick<TeamAccess, "teamId" | "teamSlug" | "teamName">;

/**
 * Moves a pending request to a final status (only if it is still pending: two approvers
 * clicking at once can't both win) and records the step.
 */
export async function settleChangeRequest(
  tx: Tx,
  row: ChangeRequestRow,
  status: Exclude<ChangeRequestStatus, "pending">,
  step: ChangeRequestStep,
  by: { team: Team; actor: Actor; reviewer?: Actor; comment?: string | null; note?: string },
): Promise<ChangeRequestView> {
  const decidedAt = new Date();
  const reviewer = by.reviewer ? { reviewerId: by.reviewer.id, reviewerName: by.reviewer.name } : {};
  const data = { status, decidedAt, ...reviewer, ...(by.comment !== undefined ? { reviewComment: by.comment } : {}) };
  const done = await tx.changeRequest.updateMany({ where: { id: row.id, status: "pending" }, data });
  if (done.count !== 1) throw new ConflictError("Someone else decided this request a moment ago; nothing was changed");
  const request = toChangeRequestView({
    ...row,
    ...data,
    reviewerId: data.reviewerId ?? row.reviewerId,
    reviewerName: data.reviewerName ?? row.reviewerName,
    reviewComment: data.reviewComment ?? row.reviewComment,
  });
  await recordChangeRequestStep(tx, step, {
    team: by.team,
    actor: by.actor,
    ids: requestIds(row),
    request,
    note: by.note,
  });
  return request;
}
