import "server-only";
import { z } from "zod";
import { createChangeRequest } from "@/lib/change-requests/create-change-request";
import type { ChangeRequestView } from "@/lib/change-requests/change-request-view";
import { getApprovalPolicy } from "@/lib/change-requests/get-approval-policy";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { universalCohortKeys } from "@/lib/cohorts/load-active-cohorts";
import { missingCohortKeys } from "@/lib/cohorts/missing-cohort-keys";
import { inTransaction } from "@/lib/db/transaction";
import { approvalReasons } from "@/lib/domain/approval-policy";
import { canEditPercentages, STATUS_LABELS } from "@/lib/domain/rollout-state";
import { ConflictError, ValidationError } from "@/lib/errors/domain-errors";
import { parseInput } from "@/lib/validation/parse-input";
import {
  basisPointsSchema,
  changeCommentSchema,
  environmentKeySchema,
  releaseKeySchema,
  teamSlugSchema,
  versionSchema,
} from "@/lib/validation/common-schemas";
import { applyRolloutChange } from "@/lib/rollouts/apply-rollout-change";
import { loadRollout, snapshotOf, type RolloutSnapshot } from "@/lib/rollouts/load-rollout";
import { describeRolloutChange } from "@/lib/domain/describe-rollout-change";
import { pausePlanForHandChange } from "@/lib/plans/pause-plan-for-hand-change";
import { regressingCohortsNow } from "@/lib/plans/regressing-cohorts-now";
import { loadCohortNames } from "@/lib/cohorts/load-cohort-names";

export const setRolloutSchema = z.object({
  teamSlug: teamSlugSchema,
  releaseKey: releaseKeySchema,
  environmentKey: environmentKeySchema,
  expectedVersion: versionSchema,
  // Left out (the REST API's partial update): everyone else keeps the current percentage.
  defaultBasisPoints: basisPointsSchema.optional(),
  // null: the cohort follows "everyone else" (no explicit percentage).
  cohorts: z.record(z.string().min(1).max(64), basisPointsSchema.nullable()),
  // Shown to approvers when the policy holds the change back.
  comment: changeCommentSchema,
});

export type SetRolloutInput = z.input<typeof setRolloutSchema>;

export type RolloutConflict = RolloutSnapshot;

/** `pendingApproval`: the policy held the change back; nothing was applied. */
export type SetRolloutResult = {
  changed: boolean;
  rollout: RolloutSnapshot;
  pendingApproval?: ChangeRequestView;
  /** A running plan was paused because percentages were set by hand. */
  planPaused?: boolean;
};

/**
 * Sets per-cohort and default percentages of one release in one environment, against the
 * version the editor saw: a save made on a stale page is refused with the current values.
 * A change the environment's approval policy covers becomes a change request instead.
 */
export async function setRollout(actor: Actor | null, rawInput: unknown): Promise<SetRolloutResult> {
  const input = parseInput(setRolloutSchema, rawInput);
  const regressing = await regressingCohortsNow(actor, input);
  return inTransaction(async (tx) => {
    const access = await requireRole(tx, actor, input.teamSlug, "editor");
    const target = await loadRollout(tx, access.teamId, input.releaseKey, input.environmentKey);
    const { release, environment, rollout } = target;
    const before = snapshotOf(rollout);

    if (rollout.version !== input.expectedVersion) {
      throw new ConflictError<RolloutConflict>(
        `${release.name} was changed in ${environment.name} by ${before.updatedByName ?? "someone else"} since you opened it. ` +
          `Nothing was saved; review the current values and try again.`,
        before,
      );
    }
    if (!canEditPercentages(before.status)) {
      throw ValidationError.field(
        "status",
        `Percentages can't be changed while the release is ${STATUS_LABELS[before.status].toLowerCase()}`,
      );
    }

    const afterCohorts = { ...before.cohorts };
    for (const [key, bp] of Object.entries(input.cohorts)) {
      if (bp === null) delete afterCohorts[key];
      else afterCohorts[key] = bp;
    }
    const proposed = {
      defaultBasisPoints: input.defaultBasisPoints ?? before.defaultBasisPoints,
      cohorts: afterCohorts,
    };
    const unknown = await missingCohortKeys(tx, access.teamId, Object.keys(input.cohorts));
    if (unknown.length)
      throw new ValidationError(Object.fromEntries(unknown.map((k) => [`cohorts.${k}`, ["Unknown cohort"]])));
    const summary = describeRolloutChange(before, proposed);
    if (!summary) return { changed: false, rollout: before };

    const planPaused = await pausePlanForHandChange(tx, access, rollout.id);
    const policy = await getApprovalPolicy(access, { environmentId: environment.id }, tx);
    const universalCohorts = policy ? await universalCohortKeys(tx, access.teamId) : undefined;
    const reasons = approvalReasons(policy, {
      kind: "set_rollout",
      status: before.status,
      before,
      after: proposed,
      critical: release.critical,
      universalCohorts,
      names: policy ? await loadCohortNames(tx, access.teamId) : undefined,
      regressing,
    });
    if (policy && reasons.length) {
      const pendingApproval = await createChangeRequest(tx, {
        access,
        target: { releaseId: release.id, environmentId: environment.id },
        kind: "set_rollout",
        before: { defaultBasisPoints: before.defaultBasisPoints, cohorts: before.cohorts },
        baseVersion: before.version,
        proposed,
        reasons,
        comment: input.comment,
        expiryMinutes: policy.expiryMinutes,
      });
      return { changed: false, rollout: before, pendingApproval, planPaused };
    }

    const change = { kind: "percentages", percentages: proposed } as const;
    const { after } = await applyRolloutChange(tx, {
      by: access,
      target,
      expectedVersion: input.expectedVersion,
      change,
    });
    return { changed: true, rollout: after, planPaused };
  });
}
