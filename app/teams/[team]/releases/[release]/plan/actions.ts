"use server";

import { runAction } from "@/lib/http/actions/run-action";
import { createPlan } from "@/lib/plans/create-plan";
import type { CreatePlanInput, UpdatePlanInput } from "@/lib/plans/plan-inputs";
import type { PlanView } from "@/lib/plans/plan-view";
import { updatePlan, type UpdatePlanResult } from "@/lib/plans/update-plan";

// Validated by the use cases' schemas (lib/plans/plan-schemas.ts); a conflict carries the plan
// as it is now: the one already there, or the plan as the controller moved it on.

export async function createPlanAction(input: CreatePlanInput) {
  return runAction<PlanView, PlanView>((actor) => createPlan(actor, input));
}

export async function updatePlanAction(input: UpdatePlanInput) {
  return runAction<UpdatePlanResult, PlanView>((actor) => updatePlan(actor, input));
}
