import "server-only";
import type { TeamAccess } from "@/lib/auth/require-role";
import type { Tx } from "@/lib/db/client";
import type { ChangeRequestKind, ChangeRequestView, ProposedPercentages } from "./change-request-view";
import { recordChangeRequestStep } from "./change-request-events";
import { CHANGE_REQUEST_INCLUDE, toChangeRequestView } from "./to-change-request-view";

export const DEFAULT_EXPIRY_MINUTES = 24 * 60;

export type NewChangeRequest = {
  access: TeamAccess;
  releaseId: string;
  environmentId: string;
  kind: ChangeRequestKind;
  /** The rollout's percentages and version as the requester saw them. */
  before: ProposedPercentages;
  baseVersion: number;
  proposed: ProposedPercentages;
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
      environmentId: input.environmentId,
      releaseId: input.releaseId,
      kind: input.kind,
      before: JSON.stringify(input.before),
      proposed: JSON.stringify(input.proposed),
      reasons: JSON.stringify(input.reasons),
      baseVersion: input.baseVersion,
      comment: input.comment,
      requesterType: access.actor.type,
      requesterId: access.actor.id,
      requesterName: access.actor.name,
      expiresAt: new Date(Date.now() + input.expiryMinutes * 60_000),
    },
    include: CHANGE_REQUEST_INCLUDE,
  });
  const request = toChangeRequestView(row);
  await recordChangeRequestStep(tx, "created", { team: access, actor: access.actor, ids: input, request });
  return request;
}
