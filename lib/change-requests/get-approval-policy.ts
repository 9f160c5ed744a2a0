import "server-only";
import type { TeamAccess } from "@/lib/auth/require-role";
import type { Prisma, Tx } from "@/lib/db/client";
import { readDb } from "@/lib/db/transaction";
import type { ApprovalRules } from "@/lib/domain/approval-policy";

export type ApprovalPolicyView = ApprovalRules & {
  expiryMinutes: number;
  version: number;
  updatedByName: string | null;
};

export function toApprovalPolicyView(row: Prisma.ApprovalPolicyGetPayload<object>): ApprovalPolicyView {
  return {
    cohortThresholdBasisPoints: row.cohortThresholdBasisPoints,
    defaultAboveZero: row.defaultAboveZero,
    promote: row.promote,
    criticalReleases: row.criticalReleases,
    regressingCohorts: row.regressingCohorts,
    expiryMinutes: row.expiryMinutes,
    version: row.version,
    updatedByName: row.updatedByName,
  };
}

/**
 * An environment's policy, or null when it has none (everything applies directly). Any member
 * may read. `db`: a change judged by the policy reads it inside its own transaction.
 */
export async function getApprovalPolicy(
  access: TeamAccess,
  input: { environmentId: string },
  db: Tx = readDb(),
): Promise<ApprovalPolicyView | null> {
  const row = await db.approvalPolicy.findFirst({
    where: { environmentId: input.environmentId, environment: { teamId: access.teamId } },
  });
  return row && toApprovalPolicyView(row);
}
