import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { inTransaction } from "@/lib/db/transaction";
import { ConflictError } from "@/lib/errors/domain-errors";
import { parseInput } from "@/lib/validation/parse-input";
import { loadPlan } from "./load-plan";
import { openPlanCommand } from "./plan-command";
import { recordPlanEvent } from "./plan-events";
import { planCommandSchema } from "./plan-schemas";
import type { PlanView } from "./plan-view";
import { toPlanView } from "./to-plan-view";
import { writePlan } from "./write-plan";

/** Stops the plan taking steps; the release keeps what it serves, and guardrails still roll back on harm. */
export async function pausePlan(actor: Actor | null, rawInput: unknown): Promise<PlanView> {
  const input = parseInput(planCommandSchema, rawInput);
  return inTransaction(async (tx) => {
    const { access, plan } = await openPlanCommand(tx, actor, input);
    if (plan.status !== "running" && plan.status !== "held")
      throw new ConflictError(`A ${plan.status} plan can't be paused`);
    await writePlan(tx, plan, { status: "paused", waitingFor: null });
    await recordPlanEvent(tx, {
      by: access,
      plan,
      action: "plan.paused",
      summary: `Paused the plan at step ${plan.currentStep + 1} of ${plan.definition.steps.length}${input.comment ? `: ${input.comment}` : ""}`,
    });
    return toPlanView(await loadPlan(tx, access.teamId, plan.id));
  });
}
