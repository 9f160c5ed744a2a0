import "server-only";
import type { TeamAccess } from "@/lib/auth/require-role";
import { getApprovalPolicy } from "@/lib/change-requests/get-approval-policy";
import { universalCohortKeys } from "@/lib/cohorts/load-active-cohorts";
import { loadCohortNames } from "@/lib/cohorts/load-cohort-names";
import type { CohortHealth } from "@/lib/domain/cohort-health";
import type { Tx } from "@/lib/db/client";
import { judgePlan } from "@/lib/domain/plans/plan-approval";
import type { PlanDefinition } from "@/lib/domain/plans/plan-types";
import { snapshotOf, type LoadedRollout } from "@/lib/rollouts/load-rollout";

/**
 * The environment's policy on a plan's steps still to come (from `from`): the reasons it needs
 * approval (empty: it applies directly), the policy's expiry, and the table when it ends.
 */
export async function judgePlanChange(
  tx: Tx,
  access: TeamAccess,
  target: LoadedRollout,
  definition: PlanDefinition,
  from: number,
  stopped: readonly string[] = [],
  /** From regressingCohortsNow, read before the transaction. */
  regressing?: ReadonlyMap<string, CohortHealth>,
) {
  const policy = await getApprovalPolicy(access, { environmentId: target.environment.id }, tx);
  const now = snapshotOf(target.rollout);
  const universalCohorts = policy ? await universalCohortKeys(tx, access.teamId) : undefined;
  const { reasons, tables } = judgePlan(policy, {
    status: now.status,
    now,
    steps: definition.steps,
    from,
    critical: target.release.critical,
    universalCohorts,
    stopped,
    names: policy ? await loadCohortNames(tx, access.teamId) : undefined,
    regressing,
  });
  const final = tables.at(-1) ?? now;
  return { policy, reasons, now, final };
}
