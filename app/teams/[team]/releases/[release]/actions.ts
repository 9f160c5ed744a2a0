"use server";

import { runAction } from "@/lib/http/actions/run-action";
import { cancelChangeRequest } from "@/lib/approvals/cancel-change-request";
import { createEmbedLink } from "@/lib/embeds/create-embed-link";
import { revokeEmbedLink } from "@/lib/embeds/revoke-embed-link";
import { explainEvaluation } from "@/lib/evaluation/explain-evaluation";
import { changeReleaseStatus, type ChangeReleaseStatusInput } from "@/lib/releases/change-release-status";
import { setRollout, type SetRolloutInput } from "@/lib/releases/set-rollout";
import { archiveRelease } from "@/lib/releases/archive-release";
import { updateRelease } from "@/lib/releases/update-release";

// Input is validated by the use case's zod schema (lib/releases/*), the single copy of the rules.

export async function setRolloutAction(input: SetRolloutInput) {
  return runAction((actor) => setRollout(actor, input));
}

export async function changeReleaseStatusAction(input: ChangeReleaseStatusInput) {
  return runAction((actor) => changeReleaseStatus(actor, input));
}

export async function updateReleaseAction(input: Record<string, unknown>) {
  return runAction(async (actor) => {
    const release = await updateRelease(actor, input);
    return { key: release.key };
  });
}

export async function archiveReleaseAction(input: { teamSlug: string; releaseKey: string }) {
  return runAction((actor) => archiveRelease(actor, input));
}

export async function explainEvaluationAction(input: Record<string, unknown>) {
  return runAction((actor) => explainEvaluation(actor, input));
}

export async function cancelChangeRequestAction(input: Record<string, unknown>) {
  return runAction(async (actor) => {
    const request = await cancelChangeRequest(actor, input);
    return { status: request.status };
  });
}

export async function createEmbedLinkAction(input: Record<string, unknown>) {
  return runAction((actor) => createEmbedLink(actor, input));
}

export async function revokeEmbedLinkAction(input: Record<string, unknown>) {
  return runAction((actor) => revokeEmbedLink(actor, input));
}
