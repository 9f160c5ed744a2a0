import { PLAN_STATUS_LABELS } from "@/lib/domain/plans/plan-types";
import type { LoadedPlan } from "./load-plan";
import type { PlanView } from "./plan-view";

export function toPlanView(plan: LoadedPlan): PlanView {
  return {
    id: plan.id,
    status: plan.status,
    statusLabel: PLAN_STATUS_LABELS[plan.status],
    version: plan.version,
    release: { key: plan.release.key, name: plan.release.name },
    environment: { key: plan.environment.key, name: plan.environment.name },
    definition: plan.definition,
    currentStep: plan.currentStep,
    stepStartedAt: plan.stepStartedAt?.toISOString() ?? null,
    waitingFor: plan.waitingFor,
    heldReason: plan.heldReason,
    backendFailingSince: plan.backendFailingSince?.toISOString() ?? null,
    verdicts: plan.verdicts,
    templateName: plan.templateName,
    createdByName: plan.createdByName,
    createdAt: plan.createdAt.toISOString(),
    startedAt: plan.startedAt?.toISOString() ?? null,
    endedAt: plan.endedAt?.toISOString() ?? null,
    lastTickAt: plan.lastTickAt?.toISOString() ?? null,
  };
}
