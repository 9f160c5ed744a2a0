import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requireRole, type TeamAccess } from "@/lib/auth/require-role";
import type { Tx } from "@/lib/db/client";
import type { Role } from "@/lib/domain/roles";
import { ConflictError } from "@/lib/errors/domain-errors";
import { loadRollout, type LoadedRollout } from "@/lib/rollouts/load-rollout";
import { loadPlan, type LoadedPlan } from "./load-plan";
import type { PlanView } from "./plan-view";
import { toPlanView } from "./to-plan-view";

export type PlanCommandInput = {
  teamSlug: string;
  releaseKey: string;
  environmentKey: string;
  planId: string;
  expectedVersion: number;
};

export type PlanCommandContext = { access: TeamAccess; target: LoadedRollout; plan: LoadedPlan };

/**
 * What every command on a plan starts with, inside its transaction: the role, the rollout and
 * the plan, and the version the person saw — a plan that moved on (the controller took a
 * step, someone paused it) is a conflict carrying the plan as it is now.
 */
export async function openPlanCommand(
  tx: Tx,
  actor: Actor | null,
  input: PlanCommandInput,
  role: Role = "editor",
): Promise<PlanCommandContext> {
  const access = await requireRole(tx, actor, input.teamSlug, role);
  const target = await loadRollout(tx, access.teamId, input.releaseKey, input.environmentKey);
  const plan = await loadPlan(tx, access.teamId, input.planId, { rolloutId: target.rollout.id });
  if (plan.version !== input.expectedVersion) {
    throw new ConflictError<PlanView>(
      "The plan changed since you opened it (the controller may have taken a step); nothing was changed. Look again and retry.",
      toPlanView(plan),
    );
  }
  return { access, target, plan };
}
