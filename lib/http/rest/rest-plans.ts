import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { getTeamAccess } from "@/lib/auth/get-team-access";
import { getTeamContext } from "@/lib/auth/get-team-context";
import type { ChangeRequestView } from "@/lib/change-requests/change-request-view";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors/domain-errors";
import { advancePlan } from "@/lib/plans/advance-plan";
import { cancelPlan } from "@/lib/plans/cancel-plan";
import { createPlan } from "@/lib/plans/create-plan";
import { getReleasePlan } from "@/lib/plans/get-release-plan";
import { listPlanTemplates } from "@/lib/plans/list-plan-templates";
import { pausePlan } from "@/lib/plans/pause-plan";
import type { PlanView } from "@/lib/plans/plan-view";
import { resumePlan } from "@/lib/plans/resume-plan";
import { startPlan } from "@/lib/plans/start-plan";
import { updatePlan } from "@/lib/plans/update-plan";
import type { RestPrincipal } from "./authenticate-api-key";
import { parseBody } from "./parse-body";
import { inApiFieldNames } from "./rest-field-names";
import {
  createPlanBodySchema,
  planCommandBodySchema,
  updatePlanBodySchema,
  type RestPlan,
  type RestPlanCommand,
  type RestReleasePlan,
} from "./rest-plan-schemas";
import { isPlanView, restPlan, restPlanTemplates, restReleasePlan, storedPlanDefinition } from "./rest-plan-views";
import type { RestChangeRequest } from "./rest-schemas";
import { isRolloutSnapshot, restChangeRequest, restRollout } from "./rest-views";

/** 200 (201 when made): applied; 202: held for approval by the environment's policy, nothing applied. */
export type PlanChangeOutcome =
  { kind: "applied"; plan: RestPlan } | { kind: "pending"; changeRequest: RestChangeRequest; plan: RestPlan };

type Target = { releaseKey: string; environmentKey: string };
type PlanCommandInput = Target & { teamSlug: string; planId: string; expectedVersion: number; comment?: string };
type PlanResult = { plan: PlanView; pendingApproval?: ChangeRequestView };

/** Runs a plan use case and puts its refusals in the API's terms (percent, the API's field names). */
async function inPlanTerms<T>(target: Target, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ConflictError && isPlanView(error.current))
      throw new ConflictError(error.message, restPlan(error.current));
    if (error instanceof ConflictError && isRolloutSnapshot(error.current))
      throw new ConflictError(error.message, restRollout(target.releaseKey, target.environmentKey, error.current));
    if (error instanceof ValidationError) throw inApiFieldNames(error);
    throw error;
  }
}

function outcome(result: PlanView | PlanResult): PlanChangeOutcome {
  const { plan, pendingApproval } = "plan" in result ? result : { plan: result, pendingApproval: undefined };
  return pendingApproval
    ? { kind: "pending", changeRequest: restChangeRequest(pendingApproval), plan: restPlan(plan) }
    : { kind: "applied", plan: restPlan(plan) };
}

// skip and continue are one use case (advancePlan) with a mode; the others map one to one.
const COMMANDS: Record<RestPlanCommand, (actor: Actor, input: PlanCommandInput) => Promise<PlanView | PlanResult>> = {
  start: startPlan,
  pause: pausePlan,
  resume: resumePlan,
  cancel: cancelPlan,
  skip: (actor, input) => advancePlan(actor, { ...input, mode: "skip" }),
  continue: (actor, input) => advancePlan(actor, { ...input, mode: "continue" }),
};

/** GET …/plan: the plan that owns the rollout, else the latest that ended; 404 when there never was one. */
export async function restGetPlan(principal: RestPrincipal, target: Target): Promise<RestReleasePlan> {
  const context = await getTeamContext(principal.actor, principal.teamSlug, target.environmentKey);
  const read = await getReleasePlan(context, { releaseKey: target.releaseKey });
  if (!read.plan) throw new NotFoundError(`Release "${target.releaseKey}" has no plan in ${context.environment.name}`);
  return restReleasePlan({ ...read, plan: read.plan });
}

/** POST …/plan: a plan from a template or from steps given outright, not started. */
export async function restCreatePlan(principal: RestPrincipal, target: Target, rawBody: unknown): Promise<RestPlan> {
  const body = parseBody(createPlanBodySchema, rawBody);
  return inPlanTerms(target, async () =>
    restPlan(
      await createPlan(principal.actor, {
        teamSlug: principal.teamSlug,
        ...target,
        templateKey: body.templateKey,
        definition: body.definition && storedPlanDefinition(body.definition),
      }),
    ),
  );
}

/** PUT …/plan: the whole definition; once running, the steps still to come are judged by the policy again. */
export async function restUpdatePlan(
  principal: RestPrincipal,
  target: Target,
  rawBody: unknown,
): Promise<PlanChangeOutcome> {
  const body = parseBody(updatePlanBodySchema, rawBody);
  return inPlanTerms(target, async () =>
    outcome(
      await updatePlan(principal.actor, {
        teamSlug: principal.teamSlug,
        ...target,
        planId: body.planId,
        expectedVersion: body.expectedVersion,
        definition: storedPlanDefinition(body.definition),
        comment: body.comment,
      }),
    ),
  );
}

/** POST …/plan/{start|pause|resume|skip|continue|cancel}. */
export async function restRunPlanCommand(
  principal: RestPrincipal,
  target: Target,
  command: RestPlanCommand,
  rawBody: unknown,
): Promise<PlanChangeOutcome> {
  const body = parseBody(planCommandBodySchema, rawBody);
  return inPlanTerms(target, async () =>
    outcome(await COMMANDS[command](principal.actor, { teamSlug: principal.teamSlug, ...target, ...body })),
  );
}

export async function restListPlanTemplates(principal: RestPrincipal) {
  return restPlanTemplates(await listPlanTemplates(await getTeamAccess(principal.actor, principal.teamSlug)));
}
