import "server-only";
import type { TeamAccess } from "@/lib/auth/require-role";
import type { Tx } from "@/lib/db/client";
import type { ChangeRequestKind, ChangeRequestView } from "./change-request-view";
import { recordChangeRequestStep } from "./change-request-events";
import { CHANGE_REQUEST_INCLUDE, requestIds, toChangeRequestView } from "./to-change-request-view";

export const DEFAULT_EXPIRY_MINUTES = 24 * 60;

export type NewChangeRequest = {
  access: TeamAccess;
  /** A release in one environment, or a cohort (which changes who gets releases everywhere). */
  target: { releaseId: string; environmentId: string } | { cohortId: string };
  kind: ChangeRequestKind;
  /** What the requester saw (JSON-serialisable) and the version it had. */
  before: unknown;
  baseVersion: number;
  proposed: unknown;
  reasons: string[];
  comment: string;
  expiryMinutes: number;
};

/** Holds a change back for approval instead of applying it; called inside the use case's transaction. */
export async function createChangeRequest(tx: Tx, input: NewChangeRequest): Promise<ChangeRequestView> {
  const { access } = input;
  const row = await tx.changeRequest.create({
    data: {
      teamId: access.teamId,
      ...input.target,
      kind: input.kind,
      before: JSON.stringify(input.before),
      proposed: JSON.stringify(input.proposed),
      reasons: JSON.stringify(input.reasons),
      baseVersion: input.baseVersion,
      comment: input.comment,
      requesterType: access.actor.type,
      requesterId: access.actor.id,
      requesterName: access.actor.name,
      requesterUserId: access.accountableUserId,
      expiresAt: new Date(Date.now() + input.expiryMinutes * 60_000),
    },
    include: CHANGE_REQUEST_INCLUDE,
  });
  const request = toChangeRequestView(row);
  await recordChangeRequestStep(tx, "created", { team: access, actor: access.actor, ids: requestIds(row), request });
  return request;
}

/** Four eyes: the requester, or the person behind the key that asked, never decides it. */
export function isOwnRequest(
  row: { requesterType: string; requesterId: string; requesterUserId: string | null },
  access: TeamAccess,
): boolean {
  if (row.requesterType === access.actor.type && row.requesterId === access.actor.id) return true;
  return row.requesterUserId !== null && row.requesterUserId === access.accountableUserId;
}
