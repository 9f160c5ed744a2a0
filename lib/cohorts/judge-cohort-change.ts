import "server-only";
import type { Tx } from "@/lib/db/client";
import { cohortFlowReasons } from "@/lib/domain/approval-policy";
import type { CohortFlow } from "@/lib/domain/cohort-reach";
import { toApprovalPolicyView } from "@/lib/change-requests/get-approval-policy";

export type CohortJudgement = { reasons: string[]; expiryMinutes: number };

/**
 * Cohorts are team-wide, so one edit changes who gets every live release (rolling or paused)
 * in every environment at once. Each environment's policy judges the users the change moves;
 * the change needs approval if any environment's policy would hold it. Null: it applies directly.
 */
export async function judgeCohortChange(
  tx: Tx,
  teamId: string,
  flows: readonly CohortFlow[],
  names: ReadonlyMap<string, string>,
  universal: ReadonlySet<string>,
): Promise<CohortJudgement | null> {
  if (flows.length === 0) return null;
  const environments = await tx.environment.findMany({
    where: { teamId, approvalPolicy: { isNot: null } },
    orderBy: { position: "asc" },
    select: {
      id: true,
      name: true,
      approvalPolicy: true,
      rollouts: {
        where: { status: { in: ["rolling", "paused"] }, release: { archivedAt: null } },
        select: {
          defaultBasisPoints: true,
          release: { select: { name: true, critical: true } },
          cohorts: { select: { basisPoints: true, cohort: { select: { key: true } } } },
        },
      },
    },
  });
  const reasons: string[] = [];
  let expiryMinutes = Infinity;
  for (const environment of environments) {
    const policy = environment.approvalPolicy && toApprovalPolicyView(environment.approvalPolicy);
    if (!policy) continue;
    const here: string[] = [];
    for (const rollout of environment.rollouts) {
      const percentages = {
        defaultBasisPoints: rollout.defaultBasisPoints,
        cohorts: Object.fromEntries(rollout.cohorts.map((c) => [c.cohort.key, c.basisPoints])),
      };
      here.push(
        ...cohortFlowReasons(
          policy,
          { name: rollout.release.name, critical: rollout.release.critical, percentages },
          flows,
          names,
          universal,
        ),
      );
    }
    if (here.length === 0) continue;
    reasons.push(...here.map((reason) => `${environment.name}: ${reason}`));
    expiryMinutes = Math.min(expiryMinutes, policy.expiryMinutes);
  }
  return reasons.length ? { reasons, expiryMinutes } : null;
}
