import "server-only";
import { z } from "zod";
import type { ChangeRequestView } from "@/lib/change-requests/change-request-view";
import { createChangeRequest } from "@/lib/change-requests/create-change-request";
import { getApprovalPolicy } from "@/lib/change-requests/get-approval-policy";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { inTransaction } from "@/lib/db/transaction";
import { universalCohortKeys } from "@/lib/cohorts/load-active-cohorts";
import type { Tx } from "@/lib/db/client";
import { approvalReasons, type ProposedChange } from "@/lib/domain/approval-policy";
import { nextStatus, type RolloutCommand } from "@/lib/domain/rollout-state";
import { ConflictError, ValidationError } from "@/lib/errors/domain-errors";
import { parseInput } from "@/lib/validation/parse-input";
import {
  changeCommentSchema,
  environmentKeySchema,
  releaseKeySchema,
  teamSlugSchema,
  versionSchema,
} from "@/lib/validation/common-schemas";
import { applyRolloutChange } from "@/lib/rollouts/apply-rollout-change";
import { loadRollout, snapshotOf, type RolloutSnapshot } from "@/lib/rollouts/load-rollout";
import { loadCohortNames } from "@/lib/cohorts/load-cohort-names";
import type { CohortHealth } from "@/lib/domain/cohort-health";
import { regressingCohortsNow } from "@/lib/plans/regressing-cohorts-now";

export const changeReleaseStatusSchema = z.object({
  teamSlug: teamSlugSchema,
  releaseKey: releaseKeySchema,
  environmentKey: environmentKeySchema,
  command: z.enum(["start", "pause", "resume", "promote", "rollback", "restart"], {
    error: "Unknown command",
  }),
  // Roll back is the safety valve: it never waits on a version check (or anything else).
  expectedVersion: versionSchema.optional(),
  comment: changeCommentSchema,
});

export type ChangeReleaseStatusInput = z.input<typeof changeReleaseStatusSchema>;

/** `pendingApproval`: the policy held the command back; the snapshot is the unchanged rollout. */
export type StatusChangeResult = RolloutSnapshot & { pendingApproval?: ChangeRequestView };

export async function changeReleaseStatus(actor: Actor | null, rawInput: unknown): Promise<StatusChangeResult> {
  const input = parseInput(changeReleaseStatusSchema, rawInput);
  if (input.command !== "rollback" && input.expectedVersion === undefined) {
    throw ValidationError.field("expectedVersion", "Version is required");
  }
  // A roll back that loses a race with another change simply tries again on the new state:
  // it must never fail because someone else was saving at the same moment.
  // Only promote and start raise cohorts; roll back never waits on anything, metrics included.
  const regressing =
    input.command === "promote" || input.command === "start" ? await regressingCohortsNow(actor, input) : undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      return await applyCommand(actor, input, regressing);
    } catch (error) {
      // Only roll back skips the version check, so its only conflict is a lost race.
      if (input.command !== "rollback" || !(error instanceof ConflictError) || attempt >= 5) throw error;
    }
  }
}

async function applyCommand(
  actor: Actor | null,
  input: z.output<typeof changeReleaseStatusSchema>,
  regressing: ReadonlyMap<string, CohortHealth> | undefined,
): Promise<StatusChangeResult> {
  return inTransaction(async (tx) => {
    const access = await requireRole(tx, actor, input.teamSlug, "editor");
    const loaded = await loadRollout(tx, access.teamId, input.releaseKey, input.environmentKey);
    const { release, environment, rollout } = loaded;
    const before = snapshotOf(rollout);
    if (input.command !== "rollback" && rollout.version !== input.expectedVersion) {
      throw new ConflictError<RolloutSnapshot>(
        `${release.name} was changed in ${environment.name} by ${before.updatedByName ?? "someone else"} since you opened it. Nothing was changed.`,
        before,
      );
    }
    const transition = nextStatus(before.status, input.command);
    if (!transition.ok) throw ValidationError.field("command", transition.reason);

    // Roll back is the safety valve: it never waits for approval.
    if (input.command !== "rollback") {
      const policy = await getApprovalPolicy(access, { environmentId: environment.id }, tx);
      const reasons = approvalReasons(
        policy,
        await proposedChange(tx, access.teamId, input.command, before, release.critical, policy !== null, regressing),
      );
      if (policy && reasons.length) {
        const percentages = { defaultBasisPoints: before.defaultBasisPoints, cohorts: before.cohorts };
        const pendingApproval = await createChangeRequest(tx, {
          access,
          target: { releaseId: release.id, environmentId: environment.id },
          kind: input.command,
          before: percentages,
          baseVersion: before.version,
          proposed: percentages,
          reasons,
          comment: input.comment,
          expiryMinutes: policy.expiryMinutes,
        });
        return { ...before, pendingApproval };
      }
    }
    const change = { kind: "status", command: input.command } as const;
    const { after } = await applyRolloutChange(tx, {
      by: access,
      target: loaded,
      expectedVersion: rollout.version,
      change,
    });
    return after;
  });
}

/** A status command as the approval policy sees it. */
async function proposedChange(
  tx: Tx,
  teamId: string,
  command: Exclude<RolloutCommand, "rollback">,
  before: RolloutSnapshot,
  critical: boolean,
  judged: boolean,
  regressing: ReadonlyMap<string, CohortHealth> | undefined,
): Promise<ProposedChange> {
  const names = judged ? await loadCohortNames(tx, teamId) : undefined;
  // What a paused or rolling release serves now: the promote raises every cohort below 100%.
  if (command === "promote") return { kind: "promote", critical, percentages: before, names, regressing };
  if (command === "start")
    return {
      kind: "start",
      percentages: before,
      critical,
      universalCohorts: judged ? await universalCohortKeys(tx, teamId) : undefined,
      names,
      regressing,
    };
  return { kind: "status", critical };
}
