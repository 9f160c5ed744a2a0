import "server-only";
import type { TeamActor } from "@/lib/auth/require-role";
import type { Tx } from "@/lib/db/client";
import { loadActivePlan } from "./load-plan";
import { recordPlanEvent } from "./plan-events";
import { writePlan } from "./write-plan";

/**
 * A person setting percentages by hand takes the wheel: a running or holding plan pauses in
 * the same transaction, so the controller never undoes the hand change with its next step.
 * Returns whether a plan was paused.
 */
export async function pausePlanForHandChange(tx: Tx, by: TeamActor, rolloutId: string): Promise<boolean> {
  const plan = await loadActivePlan(tx, rolloutId);
  if (!plan || (plan.status !== "running" && plan.status !== "held")) return false;
  await writePlan(tx, plan, { status: "paused", waitingFor: null });
  await recordPlanEvent(tx, {
    by,
    plan,
    action: "plan.paused",
    summary: `Paused the plan at step ${plan.currentStep + 1} of ${plan.definition.steps.length}: percentages set by hand`,
  });
  return true;
}
