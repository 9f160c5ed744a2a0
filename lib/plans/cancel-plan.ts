import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { cancelPendingRequests } from "@/lib/change-requests/cancel-pending-requests";
import { inTransaction } from "@/lib/db/transaction";
import { isActivePlan } from "@/lib/domain/plans/plan-types";
import { ConflictError } from "@/lib/errors/domain-errors";
import { parseInput } from "@/lib/validation/parse-input";
import { loadPlan } from "./load-plan";
import { openPlanCommand } from "./plan-command";
import { recordPlanEvent } from "./plan-events";
import { planCommandSchema } from "./plan-schemas";
import type { PlanView } from "./plan-view";
import { toPlanView } from "./to-plan-view";
import { writePlan } from "./write-plan";

/** Ends the plan where it is: the release keeps serving what it serves now, by hand from here on. */
export async function cancelPlan(actor: Actor | null, rawInput: unknown): Promise<PlanView> {
  const input = parseInput(planCommandSchema, rawInput);
  return inTransaction(async (tx) => {
    const { access, plan } = await openPlanCommand(tx, actor, input);
    if (!isActivePlan(plan.status)) throw new ConflictError(`The plan is already ${plan.status}`);
    await writePlan(tx, plan, { status: "cancelled", endedAt: new Date(), waitingFor: null });
    await cancelPendingRequests(
      tx,
      access,
      {
        releaseId: plan.release.id,
        environmentId: plan.environment.id,
        kinds: ["plan_start", "plan_update", "plan_skip"],
      },
      "cancelled with the plan",
    );
    await recordPlanEvent(tx, {
      by: access,
      plan,
      action: "plan.cancelled",
      summary: `Cancelled the plan${plan.currentStep >= 0 ? ` at step ${plan.currentStep + 1} of ${plan.definition.steps.length}` : ""}; the release keeps its percentages`,
    });
    return toPlanView(await loadPlan(tx, access.teamId, plan.id));
  });
}
