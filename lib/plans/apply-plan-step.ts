import "server-only";
import type { TeamActor } from "@/lib/auth/require-role";
import type { Tx } from "@/lib/db/client";
import { describeRolloutChange } from "@/lib/domain/describe-rollout-change";
import { applyStep } from "@/lib/domain/plans/plan-percentages";
import { applyRolloutChange } from "@/lib/rollouts/apply-rollout-change";
import { loadRollout, snapshotOf } from "@/lib/rollouts/load-rollout";
import type { LoadedPlan } from "./load-plan";
import { recordPlanEvent } from "./plan-events";
import { claimPlanAction, writePlan } from "./write-plan";

/**
 * Takes step `toStep` of a plan, inside the caller's transaction: the rollout changes through
 * the one place rollouts change (a draft release starts, the last step may promote), the plan
 * moves to the step, and the action is claimed under plan:step:attempt so it happens once
 * whoever (controller, person, a second instance) tries again. Returns the new plan version.
 */
export async function applyPlanStep(
  tx: Tx,
  input: { by: TeamActor; plan: LoadedPlan; toStep: number; reason: string; now: Date; action?: string },
): Promise<number> {
  const { by, plan, toStep, now } = input;
  const step = plan.definition.steps[toStep];
  if (!step) throw new Error(`Plan ${plan.id} has no step ${toStep + 1}`);
  await claimPlanAction(tx, plan.id, `${toStep}:${plan.stepAttempt}:advance`, "advance");

  // The plan moves first: a promoting step then ends it as finished like any promotion does.
  const planVersion = await writePlan(tx, plan, {
    status: "running",
    currentStep: toStep,
    stepStartedAt: now,
    stepAttempt: 0,
    waitingFor: null,
    heldReason: null,
    ...(plan.startedAt ? {} : { startedAt: now }),
  });
  const target = await loadRollout(tx, by.teamId, plan.release.key, plan.environment.key);
  const before = snapshotOf(target.rollout);
  const next = applyStep(before, step, plan.stoppedCohorts);
  const label = `step ${toStep + 1} of ${plan.definition.steps.length}`;
  const note = ` — plan ${label}`;
  let version = before.version;
  let current = target;
  const changed = describeRolloutChange(before, next);
  if (changed) {
    const { after } = await applyRolloutChange(tx, {
      by,
      target: current,
      expectedVersion: version,
      change: { kind: "percentages", percentages: next },
      note,
    });
    version = after.version;
    current = await loadRollout(tx, by.teamId, plan.release.key, plan.environment.key);
  }
  if (before.status === "draft") {
    const { after } = await applyRolloutChange(tx, {
      by,
      target: current,
      expectedVersion: version,
      change: { kind: "status", command: "start" },
      note,
    });
    version = after.version;
    current = await loadRollout(tx, by.teamId, plan.release.key, plan.environment.key);
  }
  if (step.promote) {
    await applyRolloutChange(tx, {
      by,
      target: current,
      expectedVersion: version,
      change: { kind: "status", command: "promote" },
      note,
    });
  }

  await recordPlanEvent(tx, {
    by,
    plan,
    action: input.action ?? "plan.step_advanced",
    summary: `Took ${label}${changed ? `: ${changed}` : ""}${step.promote ? ", promoted to everyone" : ""} — ${input.reason}`,
    webhook: "plan.step_advanced",
    before: {
      planId: plan.id,
      step: plan.currentStep,
      percentages: { defaultBasisPoints: before.defaultBasisPoints, cohorts: before.cohorts },
    },
    after: { planId: plan.id, step: toStep, percentages: next },
  });
  return planVersion;
}
