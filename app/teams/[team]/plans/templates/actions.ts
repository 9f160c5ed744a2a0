"use server";

import { runAction } from "@/lib/http/actions/run-action";
import { createPlanTemplate } from "@/lib/plans/create-plan-template";
import type { CreateTemplateInput, UpdateTemplateInput } from "@/lib/plans/plan-inputs";
import { updatePlanTemplate } from "@/lib/plans/update-plan-template";

export async function createPlanTemplateAction(input: CreateTemplateInput) {
  return runAction((actor) => createPlanTemplate(actor, input));
}

export async function updatePlanTemplateAction(input: UpdateTemplateInput) {
  return runAction((actor) => updatePlanTemplate(actor, input));
}
