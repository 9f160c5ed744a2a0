import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { inTransaction } from "@/lib/db/transaction";
import { ConflictError, ValidationError } from "@/lib/errors/domain-errors";
import { parseInput } from "@/lib/validation/parse-input";
import { loadPlan } from "./load-plan";
import { openPlanCommand } from "./plan-command";
import { recordPlanEvent } from "./plan-events";
import { planCommandSchema } from "./plan-schemas";
import type { PlanView } from "./plan-view";
import { toPlanView } from "./to-plan-view";
import { writePlan } from "./write-plan";

/**
 * Lets a paused or holding plan go on. The current step's bake time and sample-ratio check
 * start again from now (a new attempt), so nothing judged before the pause counts twice.
 */
export async function resumePlan(actor: Actor | null, rawInput: unknown): Promise<PlanView> {
  const input = parseInput(planCommandSchema, rawInput);
  return inTransaction(async (tx) => {
    const { access, target, plan } = await openPlanCommand(tx, actor, input);
    if (plan.status !== "paused" && plan.status !== "held")
      throw new ConflictError(`A ${plan.status} plan can't be resumed`);
    if (target.rollout.status !== "rolling")
      throw ValidationError.field("status", "The release isn't rolling out; resume the release first");
    await writePlan(tx, plan, {
      status: "running",
      stepStartedAt: new Date(),
      stepAttempt: { increment: 1 },
      heldReason: null,
      waitingFor: null,
    });
    const why = plan.heldReason ? ` (was: ${plan.heldReason})` : "";
    await recordPlanEvent(tx, {
      by: access,
      plan,
      action: "plan.resumed",
      summary: `Resumed the plan at step ${plan.currentStep + 1} of ${plan.definition.steps.length}; its bake time starts again${why}`,
    });
    return toPlanView(await loadPlan(tx, access.teamId, plan.id));
  });
}
