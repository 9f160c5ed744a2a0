import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import type { Prisma, Tx } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";
import { describeRules, formatMinutes } from "@/lib/domain/approval-policy";
import { ConflictError, NotFoundError } from "@/lib/errors/domain-errors";
import { basisPointsSchema, environmentKeySchema, teamSlugSchema } from "@/lib/validation/common-schemas";
import { parseInput } from "@/lib/validation/parse-input";
import { getApprovalPolicy, type ApprovalPolicyView } from "@/lib/change-requests/get-approval-policy";

export const MAX_EXPIRY_MINUTES = 30 * 24 * 60;

export const setApprovalPolicySchema = z.object({
  teamSlug: teamSlugSchema,
  environmentKey: environmentKeySchema,
  // 0 when the environment has no policy yet.
  expectedVersion: z.number({ error: "Version is required" }).int().min(0),
  cohortThresholdBasisPoints: basisPointsSchema.nullable(),
  defaultAboveZero: z.boolean({ error: "Must be true or false" }),
  promote: z.boolean({ error: "Must be true or false" }),
  criticalReleases: z.boolean({ error: "Must be true or false" }),
  // Left out (a client from before the rule existed): the rule stays as it is.
  regressingCohorts: z.boolean({ error: "Must be true or false" }).optional(),
  expiryMinutes: z
    .number({ error: "Expiry must be a number of minutes" })
    .int("Expiry must be whole minutes")
    .min(5, "Requests must stay open at least 5 minutes")
    .max(MAX_EXPIRY_MINUTES, "Requests can stay open at most 30 days"),
});

export type SetApprovalPolicyInput = z.input<typeof setApprovalPolicySchema>;

/** Admins only. Pending requests keep the expiry they were made with. */
export async function setApprovalPolicy(actor: Actor | null, rawInput: unknown): Promise<ApprovalPolicyView> {
  const input = parseInput(setApprovalPolicySchema, rawInput);
  return inTransaction(async (tx) => {
    const access = await requireRole(tx, actor, input.teamSlug, "admin");
    const environment = await tx.environment.findFirst({ where: { teamId: access.teamId, key: input.environmentKey } });
    if (!environment) throw new NotFoundError(`Environment "${input.environmentKey}" not found`);
    const before = await getApprovalPolicy(access, { environmentId: environment.id }, tx);
    if ((before?.version ?? 0) !== input.expectedVersion) {
      throw new ConflictError(
        `The approval policy for ${environment.name} was changed by ${before?.updatedByName ?? "someone else"} since you opened it. Nothing was saved.`,
        before,
      );
    }
    const rules = {
      cohortThresholdBasisPoints: input.cohortThresholdBasisPoints,
      defaultAboveZero: input.defaultAboveZero,
      promote: input.promote,
      criticalReleases: input.criticalReleases,
      regressingCohorts: input.regressingCohorts ?? before?.regressingCohorts ?? false,
      expiryMinutes: input.expiryMinutes,
    };
    const written = before
      ? await tx.approvalPolicy.updateMany({
          where: { environmentId: environment.id, version: input.expectedVersion },
          data: { ...rules, version: { increment: 1 }, updatedByName: access.actor.name },
        })
      : await createPolicy(tx, { environmentId: environment.id, ...rules, updatedByName: access.actor.name });
    if (written.count !== 1) throw new ConflictError("The approval policy changed while saving; nothing was saved");
    const after = (await getApprovalPolicy(access, { environmentId: environment.id }, tx))!;
    await writeAuditEvent(tx, {
      teamId: access.teamId,
      actor: access.actor,
      action: "approval_policy.updated",
      summary: `Approval policy for ${environment.name}: ${describeRules(after)}; requests expire after ${formatMinutes(after.expiryMinutes)}`,
      environmentId: environment.id,
      before,
      after,
    });
    return after;
  });
}

// Two admins creating the first policy at once: the unique environmentId lets one win.
async function createPolicy(tx: Tx, data: Prisma.ApprovalPolicyUncheckedCreateInput) {
  try {
    await tx.approvalPolicy.create({ data });
    return { count: 1 };
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return { count: 0 };
    throw error;
  }
}
