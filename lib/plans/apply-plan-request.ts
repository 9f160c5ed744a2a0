import "server-only";
import type { TeamAccess } from "@/lib/auth/require-role";
import type { Tx } from "@/lib/db/client";
import type { ChangeRequestRow } from "@/lib/change-requests/to-change-request-view";
import { loadRollout } from "@/lib/rollouts/load-rollout";
import { applyPlanStep } from "./apply-plan-step";
import { loadPlan } from "./load-plan";
import { recordPlanEvent } from "./plan-events";
import { planRequestPayload } from "./plan-request-payload";
import { writePlan } from "./write-plan";

export type PlanRequestApplication = { ok: true; apply: (note: string) => Promise<void> } | { ok: false; why: string };

/**
 * What approving a plan request does, or why it is stale: the plan must be as it was judged
 * (same version, still in a state the request makes sense in) and the release too.
 */
export async function planRequestApplication(
  tx: Tx,
  access: TeamAccess,
  row: ChangeRequestRow,
): Promise<PlanRequestApplication> {
  if (!row.release || !row.environment)
    return { ok: false, why: "the release or environment no longer exists; nothing was applied" };
  const proposal = planRequestPayload(row);
  const plan = await loadPlan(tx, access.teamId, proposal.planId).catch(() => null);
  if (!plan) return { ok: false, why: "the plan no longer exists; nothing was applied" };
  if (plan.version !== proposal.planVersion)
    return {
      ok: false,
      why: "the plan changed since the request (the controller or someone moved it); nothing was applied",
    };
  const target = await loadRollout(tx, access.teamId, row.release.key, row.environment.key);
  if (target.rollout.version !== row.baseVersion)
    return {
      ok: false,
      why: `the release changed since the request (version ${row.baseVersion} → ${target.rollout.version}); nothing was applied`,
    };
  const requested = `requested by ${row.requesterName}`;

  if (row.kind === "plan_start") {
    if (plan.status !== "draft") return { ok: false, why: `the plan is ${plan.status} now; nothing was applied` };
    return {
      ok: true,
      apply: async (note) => {
        await applyPlanStep(tx, {
          by: access,
          plan,
          toStep: 0,
          now: new Date(),
          reason: `plan started${note}`,
          action: "plan.started",
        });
      },
    };
  }
  if (row.kind === "plan_skip") {
    if (plan.status !== "running" && plan.status !== "held")
      return { ok: false, why: `the plan is ${plan.status} now; nothing was applied` };
    return {
      ok: true,
      apply: async (note) => {
        await applyPlanStep(tx, {
          by: access,
          plan,
          toStep: plan.currentStep + 1,
          now: new Date(),
          reason: `skipped ahead${note}`,
          action: "plan.skipped",
        });
      },
    };
  }
  if (!proposal.definition) return { ok: false, why: "the request carries no plan; nothing was applied" };
  const definition = proposal.definition;
  return {
    ok: true,
    apply: async (note) => {
      await writePlan(tx, plan, {
        steps: JSON.stringify(definition.steps),
        guardrails: JSON.stringify(definition.guardrails),
      });
      await recordPlanEvent(tx, {
        by: access,
        plan,
        action: "plan.updated",
        summary: `Changed the plan's steps still to come (${definition.steps.length} steps) — ${requested}${note}`,
        before: { planId: plan.id, definition: plan.definition },
        after: { planId: plan.id, definition },
      });
    },
  };
}
