import "server-only";
import type { TeamContext } from "@/lib/auth/get-team-context";
import { readDb } from "@/lib/db/transaction";
import type { GuardrailState } from "@/lib/domain/guardrails/guardrail-types";
import { ACTIVE_PLAN_STATUSES, PLAN_STATUS_LABELS, type PlanStatus } from "@/lib/domain/plans/plan-types";
import { PLAN_INCLUDE, toLoadedPlan } from "./load-plan";

/** Where a rollout's plan stands, for one line on the team page. Plain data. */
export type PlanSummary = {
  releaseKey: string;
  status: PlanStatus;
  statusLabel: string;
  /** -1 before the first step. */
  currentStep: number;
  stepCount: number;
  /** When the current step's bake time ends (null before the start). */
  bakeEndsAt: string | null;
  /** The step after this one waits for a person; null at the last step. */
  nextWaitsForPerson: boolean | null;
  /** The current step promotes the release (the last step). */
  promotes: boolean;
  waitingFor: string | null;
  heldReason: string | null;
  /** Verdicts of the last tick, counted by state (none yet: all zero). */
  guardrails: Record<GuardrailState, number>;
  /** The first regression, in the controller's words. */
  breach: string | null;
  /** A running plan its controller hasn't looked at lately, or can't read metrics for: nobody is watching it. */
  stale: boolean;
};

/** The controller looks every minute: five without a look means it isn't running. */
const STALE_AFTER_MS = 5 * 60_000;

/**
 * The plans that still own rollouts of these releases in the environment in view, by release
 * key: one query for the whole page. Any member may read; the team filter is in the query.
 */
export async function listPlanSummaries(
  context: TeamContext,
  input: { releaseKeys: readonly string[] },
  now = Date.now(),
): Promise<Record<string, PlanSummary>> {
  if (input.releaseKeys.length === 0) return {};
  const rows = await readDb().rolloutPlan.findMany({
    where: {
      teamId: context.access.teamId,
      status: { in: [...ACTIVE_PLAN_STATUSES] },
      rollout: { environmentId: context.environment.id, release: { key: { in: [...input.releaseKeys] } } },
    },
    include: PLAN_INCLUDE,
    orderBy: { createdAt: "asc" },
  });
  const out: Record<string, PlanSummary> = {};
  for (const row of rows) {
    const plan = toLoadedPlan(row);
    const step = plan.definition.steps[plan.currentStep];
    const next = plan.definition.steps[plan.currentStep + 1];
    const guardrails: Record<GuardrailState, number> = { healthy: 0, waiting: 0, inconclusive: 0, breach: 0 };
    let breach: string | null = null;
    for (const cohort of plan.verdicts.cohorts)
      for (const metric of cohort.metrics) {
        guardrails[metric.state] += 1;
        if (metric.state === "breach" && breach === null) breach = metric.words;
      }
    // Newest wins: at most one plan per rollout is active, but be plain about it if not.
    out[plan.release.key] = {
      releaseKey: plan.release.key,
      status: plan.status,
      statusLabel: PLAN_STATUS_LABELS[plan.status],
      currentStep: plan.currentStep,
      stepCount: plan.definition.steps.length,
      bakeEndsAt:
        step && plan.stepStartedAt
          ? new Date(plan.stepStartedAt.getTime() + step.bakeMinutes * 60_000).toISOString()
          : null,
      nextWaitsForPerson: next ? next.waitForPerson : null,
      promotes: step?.promote ?? false,
      waitingFor: plan.waitingFor,
      heldReason: plan.heldReason,
      guardrails,
      breach,
      stale:
        plan.status === "running" &&
        (plan.backendFailingSince !== null ||
          (plan.lastTickAt !== null && now - plan.lastTickAt.getTime() > STALE_AFTER_MS)),
    };
  }
  return out;
}
