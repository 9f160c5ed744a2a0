import "server-only";
import type { Prisma, Tx } from "@/lib/db/client";
import { ACTIVE_PLAN_STATUSES } from "@/lib/domain/plans/plan-types";
import { NotFoundError } from "@/lib/errors/domain-errors";
import { toPlan } from "./plan-row";

export const PLAN_INCLUDE = {
  rollout: {
    select: {
      id: true,
      release: { select: { id: true, key: true, name: true, critical: true } },
      environment: { select: { id: true, key: true, name: true } },
    },
  },
} satisfies Prisma.RolloutPlanInclude;

export type PlanRow = Prisma.RolloutPlanGetPayload<{ include: typeof PLAN_INCLUDE }>;
export type LoadedPlan = ReturnType<typeof toLoadedPlan>;

export function toLoadedPlan(row: PlanRow) {
  return { ...toPlan(row), release: row.rollout.release, environment: row.rollout.environment };
}

/** A plan of the team's release in that environment, by id (404 for anything else). */
export async function loadPlan(tx: Tx, teamId: string, planId: string, where: { rolloutId?: string } = {}) {
  const row = await tx.rolloutPlan.findFirst({ where: { id: planId, teamId, ...where }, include: PLAN_INCLUDE });
  if (!row) throw new NotFoundError("Plan not found");
  return toLoadedPlan(row);
}

/** The plan that still owns a rollout (not started, waiting for approval, running, paused or holding), if any. */
export async function loadActivePlan(tx: Tx, rolloutId: string) {
  const row = await tx.rolloutPlan.findFirst({
    where: { rolloutId, status: { in: [...ACTIVE_PLAN_STATUSES] } },
    include: PLAN_INCLUDE,
    orderBy: { createdAt: "desc" },
  });
  return row ? toLoadedPlan(row) : null;
}
