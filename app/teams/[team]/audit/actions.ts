"use server";

import { runAction } from "@/lib/http/actions/run-action";
import { previewRevert, type PreviewRevertInput } from "@/lib/releases/preview-revert";
import { revertRolloutChange, type RevertRolloutChangeInput } from "@/lib/releases/revert-rollout-change";
import type { SetRolloutResult } from "@/lib/releases/set-rollout";
import type { RolloutSnapshot } from "@/lib/rollouts/rollout-snapshot";

// "Revert this change" on the audit log; the use cases authorise (editor) and validate.

export async function previewRevertAction(input: PreviewRevertInput) {
  return runAction((actor) => previewRevert(actor, input));
}

export async function revertRolloutChangeAction(input: RevertRolloutChangeInput) {
  return runAction<SetRolloutResult, RolloutSnapshot>((actor) => revertRolloutChange(actor, input));
}
