import "server-only";
import type { TeamAccess } from "@/lib/auth/require-role";
import type { ChangeRequestView, PlanRequestKind } from "@/lib/change-requests/change-request-view";
import { createChangeRequest } from "@/lib/change-requests/create-change-request";
import type { Tx } from "@/lib/db/client";
import type { PlanDefinition } from "@/lib/domain/plans/plan-types";
import type { LoadedRollout } from "@/lib/rollouts/load-rollout";
import type { judgePlanChange } from "./judge-plan-change";
import type { PlanRequestProposal } from "./plan-request-payload";

type Judged = Awaited<ReturnType<typeof judgePlanChange>> & { policy: { expiryMinutes: number } };

/**
 * Holds a plan change for approval: the request carries the table when the plan ends (the
 * approvals page shows old → new), the plan and the version it was judged against.
 */
export function requestPlanChange(
  tx: Tx,
  input: {
    access: TeamAccess;
    target: LoadedRollout;
    plan: { id: string; version: number };
    kind: PlanRequestKind;
    judged: Judged;
    comment: string;
    definition?: PlanDefinition;
  },
): Promise<ChangeRequestView> {
  const { judged, target } = input;
  const proposed: PlanRequestProposal = {
    ...judged.final,
    planId: input.plan.id,
    planVersion: input.plan.version,
    ...(input.definition ? { definition: input.definition } : {}),
  };
  return createChangeRequest(tx, {
    access: input.access,
    target: { releaseId: target.release.id, environmentId: target.environment.id },
    kind: input.kind,
    before: { defaultBasisPoints: judged.now.defaultBasisPoints, cohorts: judged.now.cohorts },
    baseVersion: judged.now.version,
    proposed,
    reasons: judged.reasons,
    comment: input.comment,
    expiryMinutes: judged.policy.expiryMinutes,
  });
}
