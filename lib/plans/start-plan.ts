import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { ChangeRequestView } from "@/lib/change-requests/change-request-view";
import { inTransaction } from "@/lib/db/transaction";
import { STATUS_LABELS } from "@/lib/domain/rollout-state";
import { ConflictError, ValidationError } from "@/lib/errors/domain-errors";
import { parseInput } from "@/lib/validation/parse-input";
import { applyPlanStep } from "./apply-plan-step";
import { checkPlanReferences } from "./check-plan-references";
import { judgePlanChange } from "./judge-plan-change";
import { regressingCohortsNow } from "./regressing-cohorts-now";
import { loadPlan } from "./load-plan";
import { openPlanCommand } from "./plan-command";
import { requestPlanChange } from "./request-plan-change";
import { planCommandSchema } from "./plan-schemas";
import type { PlanView } from "./plan-view";
import { toPlanView } from "./to-plan-view";

export type StartPlanResult = { plan: PlanView; pendingApproval?: ChangeRequestView };

/**
 * Starting a plan is one change: judged once against the environment's policy, every step as
 * written. Held: a plan_start request (approving it starts the plan). Otherwise the first step
 * is taken now and the controller takes the rest.
 */
export async function startPlan(actor: Actor | null, rawInput: unknown): Promise<StartPlanResult> {
  const input = parseInput(planCommandSchema, rawInput);
  const regressing = await regressingCohortsNow(actor, input);
  return inTransaction(async (tx) => {
    const { access, target, plan } = await openPlanCommand(tx, actor, input);
    if (plan.status !== "draft") throw new ConflictError(`The plan is already ${plan.status}; it starts only once`);
    const status = target.rollout.status;
    if (status !== "draft" && status !== "rolling")
      throw ValidationError.field(
        "status",
        `A plan starts on a draft or rolling release; this one is ${STATUS_LABELS[status as keyof typeof STATUS_LABELS]?.toLowerCase() ?? status}`,
      );
    const pending = await tx.changeRequest.findFirst({
      where: {
        releaseId: target.release.id,
        environmentId: target.environment.id,
        kind: "plan_start",
        status: "pending",
      },
    });
    if (pending) throw new ConflictError("Starting this plan already waits for approval");
    await checkPlanReferences(tx, access.teamId, plan.definition);

    const judged = await judgePlanChange(tx, access, target, plan.definition, 0, [], regressing);
    if (judged.policy && judged.reasons.length) {
      const pendingApproval = await requestPlanChange(tx, {
        access,
        target,
        plan,
        kind: "plan_start",
        judged: { ...judged, policy: judged.policy },
        comment: input.comment,
      });
      return { plan: toPlanView(plan), pendingApproval };
    }

    await applyPlanStep(tx, {
      by: access,
      plan,
      toStep: 0,
      now: new Date(),
      reason: `plan started by ${access.actor.name}`,
      action: "plan.started",
    });
    return { plan: toPlanView(await loadPlan(tx, access.teamId, plan.id)) };
  });
}
