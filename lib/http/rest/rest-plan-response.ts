import "server-only";
import type { RestPlan } from "./rest-plan-schemas";
import type { PlanChangeOutcome } from "./rest-plans";
import { restJson } from "./rest-route";

const planPath = (plan: RestPlan) =>
  `/api/v1/releases/${encodeURIComponent(plan.release.key)}/environments/${encodeURIComponent(plan.environment.key)}/plan`;

/** 201 `{ plan }` with the plan's Location. */
export function restPlanCreatedResponse(plan: RestPlan): Response {
  return restJson({ plan }, 201, { Location: planPath(plan) });
}

/** 200 `{ plan }` when applied; 202 `{ changeRequest, plan }` + Location when held for approval. */
export function restPlanChangeResponse(outcome: PlanChangeOutcome): Response {
  if (outcome.kind === "pending") {
    return restJson({ changeRequest: outcome.changeRequest, plan: outcome.plan }, 202, {
      Location: `/api/v1/change-requests/${encodeURIComponent(outcome.changeRequest.id)}`,
    });
  }
  return restJson({ plan: outcome.plan });
}
