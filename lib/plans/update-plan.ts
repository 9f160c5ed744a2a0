import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { ChangeRequestView } from "@/lib/change-requests/change-request-view";
import { inTransaction } from "@/lib/db/transaction";
import { isActivePlan } from "@/lib/domain/plans/plan-types";
import { ConflictError, ValidationError } from "@/lib/errors/domain-errors";
import { parseInput } from "@/lib/validation/parse-input";
import { checkPlanReferences } from "./check-plan-references";
import { judgePlanChange } from "./judge-plan-change";
import { loadPlan } from "./load-plan";
import { openPlanCommand } from "./plan-command";
import { recordPlanEvent } from "./plan-events";
import { requestPlanChange } from "./request-plan-change";
import { updatePlanSchema } from "./plan-schemas";
import type { PlanView } from "./plan-view";
import { toPlanView } from "./to-plan-view";
import { writePlan } from "./write-plan";

export type UpdatePlanResult = { plan: PlanView; pendingApproval?: ChangeRequestView };

/**
 * Changes a plan's steps and guardrails. Before it starts, anything goes. Once it runs, the
 * steps taken stay as they were and the steps still to come are a new change: judged by the
 * policy again and held as a plan_update request where it asks.
 */
export async function updatePlan(actor: Actor | null, rawInput: unknown): Promise<UpdatePlanResult> {
  const input = parseInput(updatePlanSchema, rawInput);
  return inTransaction(async (tx) => {
    const { access, target, plan } = await openPlanCommand(tx, actor, input);
    if (!isActivePlan(plan.status)) throw new ConflictError(`A ${plan.status} plan can't be changed`);
    const { definition } = input;
    await checkPlanReferences(tx, access.teamId, definition);
    for (let i = 0; i <= plan.currentStep; i++) {
      if (JSON.stringify(definition.steps[i]) !== JSON.stringify(plan.definition.steps[i]))
        throw ValidationError.field(`definition.steps.${i}`, `Step ${i + 1} has been taken; it can't change`);
    }
    const from = plan.currentStep + 1;
    if (plan.status !== "draft") {
      const judged = await judgePlanChange(tx, access, target, definition, from, plan.stoppedCohorts);
      if (judged.policy && judged.reasons.length) {
        const pendingApproval = await requestPlanChange(tx, {
          access,
          target,
          plan,
          kind: "plan_update",
          judged: { ...judged, policy: judged.policy },
          comment: input.comment,
          definition,
        });
        return { plan: toPlanView(plan), pendingApproval };
      }
    }
    await writePlan(tx, plan, {
      steps: JSON.stringify(definition.steps),
      guardrails: JSON.stringify(definition.guardrails),
    });
    await recordPlanEvent(tx, {
      by: access,
      plan,
      action: "plan.updated",
      summary: `Changed the plan: ${definition.steps.length} steps, ${definition.guardrails.metrics.length} guardrails${input.comment ? ` — ${input.comment}` : ""}`,
      before: { planId: plan.id, definition: plan.definition },
      after: { planId: plan.id, definition },
    });
    return { plan: toPlanView(await loadPlan(tx, access.teamId, plan.id)) };
  });
}
