import "server-only";
import type { Prisma, Tx } from "@/lib/db/client";
import { ConflictError } from "@/lib/errors/domain-errors";

/**
 * Every write to a plan, by a person or the controller, is guarded by the version it was
 * judged against: a second writer (another controller instance, a person pausing) that
 * committed first makes this one a ConflictError, and its transaction writes nothing.
 */
export async function writePlan(
  tx: Tx,
  plan: { id: string; version: number },
  data: Omit<Prisma.RolloutPlanUpdateManyMutationInput, "version">,
): Promise<number> {
  const updated = await tx.rolloutPlan.updateMany({
    where: { id: plan.id, version: plan.version },
    data: { ...data, version: { increment: 1 } },
  });
  if (updated.count !== 1)
    throw new ConflictError("The plan changed meanwhile; nothing was changed. Look again and retry.");
  return plan.version + 1;
}

/**
 * Records that an action keyed by plan:step:attempt:kind happened, in the transaction that
 * does it. The key is the primary key: doing it twice fails the insert and rolls back the
 * second transaction whole.
 */
export async function claimPlanAction(tx: Tx, planId: string, key: string, kind: string): Promise<void> {
  await tx.planAction.create({ data: { id: `${planId}:${key}`, planId, kind } });
}
