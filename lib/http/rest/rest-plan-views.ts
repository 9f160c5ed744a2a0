import { basisPointsToPercent, percentToBasisPoints } from "@/lib/domain/percent";
import { PLAN_STATUSES, type PlanDefinition } from "@/lib/domain/plans/plan-types";
import type { ReleasePlanView } from "@/lib/plans/get-release-plan";
import type { PlanTemplateView } from "@/lib/plans/list-plan-templates";
import type { PlanDefinitionInput } from "@/lib/plans/plan-schemas";
import type { PlanView } from "@/lib/plans/plan-view";
import type { RestPlan, RestPlanDefinitionBody, RestPlanTemplateList, RestReleasePlan } from "./rest-plan-schemas";

/** Pure: plans in the automation API's shape and back (percent on the wire, basis points stored). */

function mapTargets(targets: Record<string, number>, convert: (value: number) => number): Record<string, number> {
  return Object.fromEntries(Object.entries(targets).map(([key, value]) => [key, convert(value)]));
}

export function restPlanDefinition(definition: PlanDefinition): RestPlan["definition"] {
  return {
    steps: definition.steps.map((step) => ({ ...step, targets: mapTargets(step.targets, basisPointsToPercent) })),
    guardrails: definition.guardrails,
  };
}

/** A request's definition as the use cases take it: targets in basis points, the rest as sent. */
export function storedPlanDefinition(body: RestPlanDefinitionBody): PlanDefinitionInput {
  return {
    steps: body.steps.map((step) => ({ ...step, targets: mapTargets(step.targets, percentToBasisPoints) })),
    guardrails: body.guardrails,
  };
}

export function restPlan(view: PlanView): RestPlan {
  return {
    id: view.id,
    status: view.status,
    statusLabel: view.statusLabel,
    version: view.version,
    release: view.release,
    environment: view.environment,
    definition: restPlanDefinition(view.definition),
    currentStep: view.currentStep,
    stepStartedAt: view.stepStartedAt,
    waitingFor: view.waitingFor,
    heldReason: view.heldReason,
    backendFailingSince: view.backendFailingSince,
    verdicts: {
      at: view.verdicts.at,
      cohorts: view.verdicts.cohorts.map(({ basisPoints, ...cohort }) => ({
        ...cohort,
        percent: basisPointsToPercent(basisPoints),
      })),
    },
    templateName: view.templateName,
    createdBy: view.createdByName,
    createdAt: view.createdAt,
    startedAt: view.startedAt,
    endedAt: view.endedAt,
    lastTickAt: view.lastTickAt,
  };
}

/** GET …/plan: `plan` is never null here (no plan is a 404). */
export function restReleasePlan(read: ReleasePlanView & { plan: PlanView }): RestReleasePlan {
  const pending = read.pendingRequest;
  return {
    plan: restPlan(read.plan),
    pendingChangeRequest: pending ? { id: pending.id, kind: pending.kind, requestedBy: pending.requesterName } : null,
  };
}

export function restPlanTemplates(templates: PlanTemplateView[]): RestPlanTemplateList {
  return {
    templates: templates.map((template) => ({
      key: template.key,
      name: template.name,
      description: template.description,
      definition: restPlanDefinition(template.definition),
      version: template.version,
      updatedAt: template.updatedAt,
      updatedBy: template.updatedByName,
    })),
  };
}

/** A 409's `current` from the plan use cases is a PlanView. */
export function isPlanView(value: unknown): value is PlanView {
  if (!value || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.id === "string" &&
    typeof v.version === "number" &&
    typeof v.currentStep === "number" &&
    (PLAN_STATUSES as readonly unknown[]).includes(v.status) &&
    typeof v.definition === "object" &&
    typeof v.verdicts === "object"
  );
}
