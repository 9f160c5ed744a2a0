"use server";

import { runAction } from "@/lib/http/actions/run-action";
import { cancelChangeRequest } from "@/lib/approvals/cancel-change-request";
import type { DecideChangeRequestInput } from "@/lib/change-requests/change-request-schemas";
import { createEmbedLink } from "@/lib/embeds/create-embed-link";
import type { CreateEmbedLinkInput } from "@/lib/embeds/embed-schemas";
import { revokeEmbedLink, type RevokeEmbedLinkInput } from "@/lib/embeds/revoke-embed-link";
import { explainEvaluation, type ExplainEvaluationInput } from "@/lib/evaluation/explain-evaluation";
import {
  changeReleaseStatus,
  type ChangeReleaseStatusInput,
  type StatusChangeResult,
} from "@/lib/releases/change-release-status";
import type { RolloutSnapshot } from "@/lib/rollouts/rollout-snapshot";
import {
  setRollout,
  type RolloutConflict,
  type SetRolloutInput,
  type SetRolloutResult,
} from "@/lib/releases/set-rollout";
import { previewRevert, type PreviewRevertInput } from "@/lib/releases/preview-revert";
import { revertRolloutChange, type RevertRolloutChangeInput } from "@/lib/releases/revert-rollout-change";
import { archiveRelease, type ArchiveReleaseInput } from "@/lib/releases/archive-release";
import { updateRelease, type UpdateReleaseInput } from "@/lib/releases/update-release";
import { advancePlan, type AdvancePlanResult } from "@/lib/plans/advance-plan";
import { cancelPlan } from "@/lib/plans/cancel-plan";
import { pausePlan } from "@/lib/plans/pause-plan";
import type { AdvancePlanInput, PlanCommandActionInput } from "@/lib/plans/plan-inputs";
import type { PlanView } from "@/lib/plans/plan-view";
import { resumePlan } from "@/lib/plans/resume-plan";
import { startPlan, type StartPlanResult } from "@/lib/plans/start-plan";

// Input is validated by the use case's zod schema (lib/releases/*), the single copy of the rules;
// the input type only helps the page. A conflict carries the rollout as it is now.

export async function setRolloutAction(input: SetRolloutInput) {
  return runAction<SetRolloutResult, RolloutConflict>((actor) => setRollout(actor, input));
}

export async function changeReleaseStatusAction(input: ChangeReleaseStatusInput) {
  return runAction<StatusChangeResult, RolloutSnapshot>((actor) => changeReleaseStatus(actor, input));
}

export async function previewRevertAction(input: PreviewRevertInput) {
  return runAction((actor) => previewRevert(actor, input));
}

export async function revertRolloutChangeAction(input: RevertRolloutChangeInput) {
  return runAction<SetRolloutResult, RolloutConflict>((actor) => revertRolloutChange(actor, input));
}

export async function updateReleaseAction(input: UpdateReleaseInput) {
  return runAction(async (actor) => {
    const release = await updateRelease(actor, input);
    return { key: release.key };
  });
}

export async function archiveReleaseAction(input: ArchiveReleaseInput) {
  return runAction((actor) => archiveRelease(actor, input));
}

export async function explainEvaluationAction(input: ExplainEvaluationInput) {
  return runAction((actor) => explainEvaluation(actor, input));
}

export async function cancelChangeRequestAction(input: DecideChangeRequestInput) {
  return runAction(async (actor) => {
    const request = await cancelChangeRequest(actor, input);
    return { status: request.status };
  });
}

export async function createEmbedLinkAction(input: CreateEmbedLinkInput) {
  return runAction((actor) => createEmbedLink(actor, input));
}

export async function revokeEmbedLinkAction(input: RevokeEmbedLinkInput) {
  return runAction((actor) => revokeEmbedLink(actor, input));
}

// The release's rollout plan: a conflict carries the plan as it is now (the controller may
// have taken a step since the page was drawn).

export async function startPlanAction(input: PlanCommandActionInput) {
  return runAction<StartPlanResult, PlanView>((actor) => startPlan(actor, input));
}

export async function pausePlanAction(input: PlanCommandActionInput) {
  return runAction<PlanView, PlanView>((actor) => pausePlan(actor, input));
}

export async function resumePlanAction(input: PlanCommandActionInput) {
  return runAction<PlanView, PlanView>((actor) => resumePlan(actor, input));
}

export async function cancelPlanAction(input: PlanCommandActionInput) {
  return runAction<PlanView, PlanView>((actor) => cancelPlan(actor, input));
}

export async function advancePlanAction(input: AdvancePlanInput) {
  return runAction<AdvancePlanResult, PlanView>((actor) => advancePlan(actor, input));
}
