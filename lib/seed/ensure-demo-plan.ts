import { PLAN_AUTOMATION_ACTOR } from "@/lib/auth/system-actor";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { getDb } from "@/lib/db/client";
import { DEFAULT_PLAN_ALPHA } from "@/lib/domain/guardrails/alpha-budget";
import type { PlanDefinition } from "@/lib/domain/plans/plan-types";
import { DEMO_TEAM_SLUG } from "./demo-users";

const SEED_ACTOR = { type: "system", id: "system:seed", name: "system:seed" } as const;
const RELEASE = "new-checkout";
const ENVIRONMENT = "production";

/**
 * The demo's running plan: new-checkout in production ramps by plan, guarded by error rate
 * and p95 latency per cohort. Its first step is what the release serves already; the demo
 * traffic's mobile regression makes the controller roll it back within minutes of the start,
 * while the other cohorts stay healthy. Made once, when the live demo traffic runs (the
 * browser tests seed without traffic and without this plan).
 */
export async function ensureDemoPlan(now = new Date()): Promise<boolean> {
  const db = getDb();
  const rollout = await db.releaseRollout.findFirst({
    where: {
      release: { key: RELEASE, team: { slug: DEMO_TEAM_SLUG } },
      environment: { key: ENVIRONMENT },
    },
    include: { release: true, environment: true },
  });
  if (!rollout || rollout.status !== "rolling") return false;
  if ((await db.rolloutPlan.count({ where: { rolloutId: rollout.id } })) > 0) return false;

  const definition: PlanDefinition = {
    steps: [
      {
        targets: { mobile: 2000, us: 2500, eu: 500 },
        bakeMinutes: 30,
        waitForPerson: false,
        notBefore: null,
        promote: false,
      },
      {
        targets: { mobile: 4000, us: 5000, eu: 2500 },
        bakeMinutes: 30,
        waitForPerson: false,
        notBefore: null,
        promote: false,
      },
      {
        targets: { mobile: 7500, us: 7500, eu: 5000, default: 2500 },
        bakeMinutes: 60,
        waitForPerson: false,
        notBefore: null,
        promote: false,
      },
      { targets: { default: 10000 }, bakeMinutes: 0, waitForPerson: true, notBefore: null, promote: true },
    ],
    guardrails: {
      metrics: [
        {
          metricKey: "error-rate",
          quantile: null,
          tolerance: { kind: "absolute", value: 0.005 },
          onBreach: "rollback",
        },
        { metricKey: "latency", quantile: 0.95, tolerance: { kind: "relative", value: 0.1 }, onBreach: "rollback" },
      ],
      alpha: DEFAULT_PLAN_ALPHA,
      outageAlertMinutes: 15,
      patienceBakes: 3,
    },
  };
  const startedAt = new Date(now.getTime() - 20 * 60_000);
  await db.$transaction(async (tx) => {
    const plan = await tx.rolloutPlan.create({
      data: {
        teamId: rollout.release.teamId,
        rolloutId: rollout.id,
        status: "running",
        steps: JSON.stringify(definition.steps),
        guardrails: JSON.stringify(definition.guardrails),
        currentStep: 0,
        stepStartedAt: startedAt,
        startedAt,
        templateName: "Demo: new checkout",
        createdByName: SEED_ACTOR.name,
      },
    });
    await writeAuditEvent(tx, {
      teamId: rollout.release.teamId,
      actor: PLAN_AUTOMATION_ACTOR,
      environmentId: rollout.environmentId,
      releaseId: rollout.releaseId,
      action: "plan.started",
      summary: `Started the demo plan in ${rollout.environment.name}: step 1 of 4 is what the release serves now; error rate and p95 latency guard every cohort`,
      after: { planId: plan.id },
    });
  });
  return true;
}
