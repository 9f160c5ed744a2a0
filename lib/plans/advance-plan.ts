import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import type { ChangeRequestView } from "@/lib/change-requests/change-request-view";
import { inTransaction } from "@/lib/db/transaction";
import { ConflictError, ForbiddenError } from "@/lib/errors/domain-errors";
import { parseInput } from "@/lib/validation/parse-input";
import { applyPlanStep } from "./apply-plan-step";
import { judgePlanChange } from "./judge-plan-change";
import { regressingCohortsNow } from "./regressing-cohorts-now";
import { loadPlan } from "./load-plan";
import { openPlanCommand } from "./plan-command";
import { requestPlanChange } from "./request-plan-change";
import { planCommandSchema } from "./plan-schemas";
import type { PlanView } from "./plan-view";
import { toPlanView } from "./to-plan-view";

export const advancePlanSchema = planCommandSchema.extend({
  // continue: a person answers "wait for a person" or a hold for too little data.
  // skip: take the next step now, before its bake time or verdicts.
  mode: z.enum(["continue", "skip"], { error: "Mode is continue or skip" }),
});

export type AdvancePlanResult = { plan: PlanView; pendingApproval?: ChangeRequestView };

/**
 * A person takes the plan's next step now. Where the environment's policy would hold that
 * step's change on its own, continuing takes an approver, and skipping becomes a plan_skip
 * request: the bake time and the guardrails' verdict were part of what was approved.
 */
export async function advancePlan(actor: Actor | null, rawInput: unknown): Promise<AdvancePlanResult> {
  const input = parseInput(advancePlanSchema, rawInput);
  const regressing = await regressingCohortsNow(actor, input);
  return inTransaction(async (tx) => {
    const { access, target, plan } = await openPlanCommand(tx, actor, input);
    if (plan.status !== "running" && plan.status !== "held")
      throw new ConflictError(`A ${plan.status} plan can't take a step; resume it first`);
    const toStep = plan.currentStep + 1;
    if (toStep >= plan.definition.steps.length) throw new ConflictError("The plan is at its last step");
    if (input.mode === "continue" && plan.status !== "held" && !plan.waitingFor?.startsWith("Waiting for a person"))
      throw new ConflictError("The plan isn't waiting for a person; skip the step instead");

    const single = { ...plan.definition, steps: plan.definition.steps.slice(0, toStep + 1) };
    const judged = await judgePlanChange(tx, access, target, single, toStep, plan.stoppedCohorts, regressing);
    if (judged.policy && judged.reasons.length) {
      if (input.mode === "skip") {
        const pendingApproval = await requestPlanChange(tx, {
          access,
          target,
          plan,
          kind: "plan_skip",
          judged: { ...judged, policy: judged.policy },
          comment: input.comment,
        });
        return { plan: toPlanView(plan), pendingApproval };
      }
      const approver = await requireRole(tx, actor, input.teamSlug, "approver").catch(() => null);
      if (!approver)
        throw new ForbiddenError(
          `The policy holds this step on its own (${judged.reasons.join("; ")}), so an approver continues it`,
        );
    }
    const verb = input.mode === "continue" ? "continued" : "skipped ahead";
    await applyPlanStep(tx, {
      by: access,
      plan,
      toStep,
      now: new Date(),
      reason: `${access.actor.name} ${verb}${plan.heldReason ? ` (${plan.heldReason})` : ""}${input.comment ? `: ${input.comment}` : ""}`,
      action: input.mode === "continue" ? "plan.continued" : "plan.skipped",
    });
    return { plan: toPlanView(await loadPlan(tx, access.teamId, plan.id)) };
  });
}
