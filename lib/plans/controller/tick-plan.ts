import "server-only";
import type { TeamActor } from "@/lib/auth/require-role";
import { PLAN_AUTOMATION_ACTOR } from "@/lib/auth/system-actor";
import type { Db, Tx } from "@/lib/db/client";
import {
  decidePlanTick,
  judgedCohorts,
  type CohortVerdict,
  type JudgedCohort,
  type JudgedMetric,
  type TickData,
  type TickDecision,
} from "@/lib/domain/plans/decide-plan-tick";
import { EVERYONE_ELSE } from "@/lib/domain/plans/plan-types";
import { ConflictError } from "@/lib/errors/domain-errors";
import { toMetricDefinitionView } from "@/lib/metrics/metric-definition-row";
import type { GuardrailDataRequest } from "@/lib/metrics/guardrail-data/read-guardrail-data";
import { applyRolloutChange } from "@/lib/rollouts/apply-rollout-change";
import { loadRollout, snapshotOf } from "@/lib/rollouts/load-rollout";
import { applyPlanStep } from "../apply-plan-step";
import { loadPlan, type LoadedPlan } from "../load-plan";
import { recordPlanEvent } from "../plan-events";
import type { StoredVerdicts } from "../plan-view";
import { claimPlanAction, writePlan } from "../write-plan";

export type { GuardrailDataRequest };
export type GuardrailDataReader = (request: GuardrailDataRequest, db: Db) => Promise<TickData>;

export type TickDeps = {
  db: Db;
  inTransaction: <T>(work: (tx: Tx) => Promise<T>) => Promise<T>;
  now: Date;
  readData: GuardrailDataReader;
};

export type PlanTickOutcome = { planId: string; action: TickDecision["action"]["kind"] | "skipped"; detail?: string };

/**
 * One plan, one tick: read what the decision needs (outside any transaction: the metrics
 * backend may be slow), decide (pure), then apply in one transaction guarded by the plan's
 * version — a plan a person or another instance changed meanwhile is left for the next tick.
 */
export async function tickPlan(deps: TickDeps, teamId: string, planId: string): Promise<PlanTickOutcome> {
  const { db, now } = deps;
  const tx = db as unknown as Tx;
  const plan = await loadPlan(tx, teamId, planId);
  const team = await db.team.findUniqueOrThrow({
    where: { id: teamId },
    select: { slug: true, name: true, prometheusUrl: true, prometheusToken: true },
  });
  const by: TeamActor = { teamId, teamSlug: team.slug, teamName: team.name, actor: PLAN_AUTOMATION_ACTOR };
  const target = await loadRollout(tx, teamId, plan.release.key, plan.environment.key);
  const served = snapshotOf(target.rollout);

  // A paused release still serves its split: the guardrails keep judging (and may roll
  // back), but no step is taken. A release that serves nobody, or everyone, has nothing to judge.
  const releasePaused = served.status === "paused";
  if (served.status !== "rolling" && !releasePaused) {
    const waitingFor = `The release is ${served.status}`;
    await recordReadings(deps, plan, { waitingFor });
    return { planId, action: "wait", detail: waitingFor };
  }

  // Every cohort may be judged, not only those the steps name: a cohort without its own
  // percentage follows everyone else's.
  const cohortRows = await db.cohort.findMany({
    where: { teamId, archivedAt: null },
    select: { key: true, name: true },
    orderBy: { priority: "asc" },
  });
  const cohorts: JudgedCohort[] = [...cohortRows, { key: EVERYONE_ELSE, name: "everyone else" }];
  const keys = judgedCohorts(served, cohorts).map((c) => c.key);
  const definitions = await db.metricDefinition.findMany({
    where: { teamId, key: { in: plan.definition.guardrails.metrics.map((m) => m.metricKey) } },
  });
  const metricViews = definitions.map(toMetricDefinitionView);
  const metrics: JudgedMetric[] = metricViews.flatMap((m) =>
    m.kind === "mean" ? [] : [{ key: m.key, name: m.name, kind: m.kind, badDirection: m.badDirection }],
  );

  const stepStartedAt = plan.stepStartedAt?.getTime() ?? now.getTime();
  const data: TickData =
    metrics.length === 0 || keys.length === 0
      ? { ok: true, cohorts: {} }
      : await deps
          .readData(
            {
              environmentId: plan.environment.id,
              environmentKey: plan.environment.key,
              releaseKey: plan.release.key,
              cohortKeys: keys,
              metrics: metricViews,
              team,
              since: (plan.startedAt ?? now).getTime(),
              stepSince: stepStartedAt,
              now: now.getTime(),
            },
            db,
          )
          .catch((error: unknown) => ({
            ok: false as const,
            error: error instanceof Error ? error.message : String(error),
          }));

  const decision = decidePlanTick({
    now: now.getTime(),
    plan: {
      status: releasePaused && plan.status === "running" ? "paused" : plan.status,
      currentStep: plan.currentStep,
      stepStartedAt,
      steps: plan.definition.steps,
      guardrails: plan.definition.guardrails,
      stoppedCohorts: plan.stoppedCohorts,
      backendFailingSince: plan.backendFailingSince?.getTime() ?? null,
      backendAlertSent: plan.backendAlertSentAt !== null,
    },
    served,
    cohorts,
    metrics,
    data,
  });

  if (releasePaused && decision.action.kind === "none" && plan.status === "running")
    decision.action = { kind: "wait", waitingFor: "Waiting: the release is paused; guardrails still judge it" };

  // A cohort the steps name was archived since the plan started: its next step can't be taken as written.
  const named = new Set(plan.definition.steps.slice(plan.currentStep + 1).flatMap((s) => Object.keys(s.targets)));
  const gone = [...named].filter((key) => key !== EVERYONE_ELSE && !cohortRows.some((c) => c.key === key));
  if (gone.length > 0 && decision.action.kind === "advance") {
    decision.action = {
      kind: "hold",
      reason: `Holding: cohort ${gone.join(", ")} no longer exists; change the plan's steps still to come`,
    };
  }

  try {
    await deps.inTransaction((tx) => applyDecision(tx, { by, plan, decision, now }));
  } catch (error) {
    // Someone (a person, another instance) changed the plan or the release meanwhile, or this
    // action was already taken: nothing was written; the next tick looks again.
    if (error instanceof ConflictError || (error as { code?: unknown }).code === "P2002")
      return { planId, action: "skipped", detail: error instanceof Error ? error.message : String(error) };
    throw error;
  }
  return {
    planId,
    action: decision.action.kind,
    detail: "reason" in decision.action ? decision.action.reason : undefined,
  };
}

async function applyDecision(
  tx: Tx,
  input: { by: TeamActor; plan: LoadedPlan; decision: TickDecision; now: Date },
): Promise<void> {
  const { by, plan, decision, now } = input;
  const fresh = await loadPlan(tx, by.teamId, plan.id);
  if (fresh.version !== plan.version) throw new ConflictError("The plan changed during the tick");
  const { action } = decision;
  const attempt = `${plan.currentStep}:${plan.stepAttempt}`;
  const verdicts = storedVerdicts(decision.verdicts, now);

  await writeReadings(tx, plan, decision.verdicts, now);
  const bookkeeping: {
    verdicts: string;
    lastTickAt: Date;
    backendFailingSince: Date | null;
    backendAlertSentAt?: Date | null;
  } = {
    verdicts: JSON.stringify(verdicts),
    lastTickAt: now,
    backendFailingSince: decision.backendOk ? null : (plan.backendFailingSince ?? now),
    ...(decision.backendOk ? { backendAlertSentAt: null } : {}),
  };

  if (decision.alertBackend) {
    await claimPlanAction(
      tx,
      plan.id,
      `${attempt}:backend:${(plan.backendFailingSince ?? now).getTime()}`,
      "backend_alert",
    );
    await recordPlanEvent(tx, {
      by,
      plan,
      action: "plan.backend_unreachable",
      summary: `The metrics backend has failed since ${plan.backendFailingSince?.toISOString() ?? now.toISOString()}; the plan holds at step ${plan.currentStep + 1} until it answers`,
      webhook: "plan.backend_unreachable",
    });
    bookkeeping.backendAlertSentAt = now;
  }

  switch (action.kind) {
    case "none":
    case "wait":
      await updateQuietly(tx, plan, {
        ...bookkeeping,
        ...(action.kind === "wait" ? { waitingFor: action.waitingFor } : {}),
      });
      return;
    case "advance":
      await updateQuietly(tx, plan, bookkeeping);
      await applyPlanStep(tx, { by, plan: fresh, toStep: action.toStep, now, reason: action.reason });
      return;
    case "finish":
      await claimPlanAction(tx, plan.id, `${attempt}:finish`, "finish");
      await writePlan(tx, plan, { ...bookkeeping, status: "finished", endedAt: now, waitingFor: null });
      await recordPlanEvent(tx, {
        by,
        plan,
        action: "plan.finished",
        summary: action.reason,
        webhook: "plan.finished",
      });
      return;
    case "hold":
      await claimPlanAction(tx, plan.id, `${attempt}:hold`, "hold");
      await writePlan(tx, plan, { ...bookkeeping, status: "held", heldReason: action.reason, waitingFor: null });
      await recordPlanEvent(tx, { by, plan, action: "plan.held", summary: action.reason, webhook: "plan.held" });
      return;
    case "rollback": {
      await claimPlanAction(tx, plan.id, `${attempt}:rollback`, "rollback");
      const at = `${now.toISOString().slice(11, 16)} UTC`;
      const reason = `${action.reason} — rolled back at ${at}`;
      await writePlan(tx, plan, {
        ...bookkeeping,
        status: "rolled_back",
        heldReason: reason,
        endedAt: now,
        waitingFor: null,
      });
      await recordPlanEvent(tx, {
        by,
        plan,
        action: "plan.guardrail_breached",
        summary: action.reason,
        webhook: "plan.guardrail_breached",
      });
      const target = await loadRollout(tx, by.teamId, plan.release.key, plan.environment.key);
      await applyRolloutChange(tx, {
        by,
        target,
        expectedVersion: target.rollout.version,
        change: { kind: "status", command: "rollback" },
        note: ` — ${action.reason}`,
      });
      await recordPlanEvent(tx, {
        by,
        plan,
        action: "plan.rolled_back",
        summary: `Rolled back automatically: ${action.reason}`,
        webhook: "plan.rolled_back",
      });
      return;
    }
    case "zero_cohort": {
      await claimPlanAction(tx, plan.id, `${attempt}:zero:${action.cohortKey}`, "zero_cohort");
      const target = await loadRollout(tx, by.teamId, plan.release.key, plan.environment.key);
      const before = snapshotOf(target.rollout);
      const percentages =
        action.cohortKey === EVERYONE_ELSE
          ? { defaultBasisPoints: 0, cohorts: before.cohorts }
          : { defaultBasisPoints: before.defaultBasisPoints, cohorts: { ...before.cohorts, [action.cohortKey]: 0 } };
      const reason = `${action.reason} — set to 0% and holding`;
      await writePlan(tx, plan, {
        ...bookkeeping,
        status: "held",
        heldReason: reason,
        waitingFor: null,
        stoppedCohorts: JSON.stringify([...new Set([...plan.stoppedCohorts, action.cohortKey])]),
      });
      await applyRolloutChange(tx, {
        by,
        target,
        expectedVersion: before.version,
        change: { kind: "percentages", percentages },
        note: ` — ${action.reason}`,
      });
      await recordPlanEvent(tx, {
        by,
        plan,
        action: "plan.guardrail_breached",
        summary: reason,
        webhook: "plan.guardrail_breached",
      });
      return;
    }
  }
}

/** Bookkeeping (verdicts, what it waits for) doesn't bump the version: people's open pages stay current. */
async function updateQuietly(tx: Tx, plan: LoadedPlan, data: Record<string, unknown>) {
  const done = await tx.rolloutPlan.updateMany({ where: { id: plan.id, version: plan.version }, data });
  if (done.count !== 1) throw new ConflictError("The plan changed during the tick");
}

async function recordReadings(deps: TickDeps, plan: LoadedPlan, data: { waitingFor: string }) {
  if (plan.waitingFor === data.waitingFor) return;
  await deps.db.rolloutPlan.updateMany({
    where: { id: plan.id, version: plan.version },
    data: { waitingFor: data.waitingFor, lastTickAt: deps.now },
  });
}

function storedVerdicts(verdicts: readonly CohortVerdict[], now: Date): StoredVerdicts {
  return {
    at: now.toISOString(),
    cohorts: verdicts.map((cohort) => ({
      cohortKey: cohort.cohortKey,
      basisPoints: cohort.basisPoints,
      metrics: cohort.metrics.map((m) => {
        const shown = m.state === "breach" ? m.verdict : m.health;
        return {
          metricKey: m.metricKey,
          state: m.state,
          estimate: finiteOrNull(shown.estimate),
          lower: finiteOrNull(shown.lower),
          upper: finiteOrNull(shown.upper),
          tolerance: shown.tolerance,
          samples: shown.samples,
          needed: finiteOrNull(shown.needed),
          words: m.words,
        };
      }),
      sampleRatio: cohort.sampleRatio
        ? {
            mismatch: cohort.sampleRatio.mismatch,
            observedShare: finiteOrNull(cohort.sampleRatio.observedShare),
            expectedShare: cohort.sampleRatio.expectedShare,
            samples: cohort.sampleRatio.samples,
          }
        : null,
    })),
  };
}

function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}

/** At most one reading per cohort × metric per minute: the tiles' interval over time. */
async function writeReadings(tx: Tx, plan: LoadedPlan, verdicts: readonly CohortVerdict[], now: Date) {
  const minute = Math.floor(now.getTime() / 60_000);
  const rows = verdicts.flatMap((cohort) =>
    cohort.metrics.map((m) => {
      const shown = m.state === "breach" ? m.verdict : m.health;
      return {
        planId: plan.id,
        minute,
        cohortKey: cohort.cohortKey,
        metricKey: m.metricKey,
        state: m.state,
        estimate: finiteOrNull(shown.estimate),
        lower: finiteOrNull(shown.lower),
        upper: finiteOrNull(shown.upper),
        treatment: Math.round(shown.samples.treatment),
        control: Math.round(shown.samples.control),
      };
    }),
  );
  if (rows.length === 0) return;
  await tx.guardrailReading.deleteMany({ where: { planId: plan.id, minute } });
  await tx.guardrailReading.createMany({ data: rows });
}
