import "server-only";
import type { Tx } from "@/lib/db/client";
import type { ApprovalRules } from "@/lib/domain/approval-policy";

export type ApprovalPolicyView = ApprovalRules & { expiryMinutes: number; version: number; updatedByName: string | null };

/** An environment's policy, or null when it has none (everything applies directly). */
export async function getApprovalPolicy(tx: Tx, environmentId: string): Promise<ApprovalPolicyView | null> {
  const row = await tx.approvalPolicy.findUnique({ where: { environmentId } });
  if (!row) return null;
  return {
    cohortThresholdBasisPoints: row.cohortThresholdBasisPoints,
    defaultAboveZero: row.defaultAboveZero,
    promote: row.promote,
    criticalReleases: row.criticalReleases,
    expiryMinutes: row.expiryMinutes,
    version: row.version,
    updatedByName: row.updatedByName,
  };
}
