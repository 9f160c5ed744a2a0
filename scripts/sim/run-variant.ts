// One variant: its own database, every run's plan started, then the real controller ticked once
// per simulated minute over all of them, with synthetic traffic in between and the metrics
// reader answering from it.
import { inTransaction } from "@/lib/db/transaction";
import { effectiveBasisPoints } from "@/lib/domain/effective-basis-points";
import type { CohortData, TickData } from "@/lib/domain/plans/decide-plan-tick";
import { isReleaseStatus } from "@/lib/domain/rollout-state";
import { runControllerTick } from "@/lib/plans/controller/run-controller-tick";
import type { GuardrailDataReader } from "@/lib/plans/controller/tick-plan";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { holdKind, isLive, newOutcome, regressionOf, type RunOutcome } from "./outcomes";
import { randomFor } from "./random";
import type { Variant } from "./scenarios";
import { createSimDatabase, type SimDatabase } from "./sim-database";
import { COHORT_COUNT, RunTraffic, trafficModel } from "./traffic";

const MINUTE = 60_000;
const HOLDER = "simulation";

export type VariantResult = {
  id: string;
  runs: number;
  seed: number;
  minutesSimulated: number;
  planTicks: number;
  wallSeconds: number;
  setupSeconds: number;
  /** Ticks the controller skipped for a plan (an exception or a conflict): should be none. */
  skipped: { count: number; first: string | null };
  outcomes: RunOutcome[];
};

type PlanState = {
  run: number;
  status: string;
  step: number;
  stepStartedAt: number;
  heldReason: string | null;
  shares: number[];
};

export async function runVariant(
  variant: Variant,
  seed: number,
  log: (line: string) => void = () => {},
): Promise<VariantResult> {
  const started = performance.now();
  const sim = await createSimDatabase(variant.runs, variant.plan);
  try {
    if (variant.webhook) await subscribeWebhook(sim);
    const setupSeconds = (performance.now() - started) / 1000;
    const result = await tickUntilDone(sim, variant, seed, log);
    return { ...result, setupSeconds, wallSeconds: (performance.now() - started) / 1000 };
  } finally {
    await sim.drop();
  }
}

async function tickUntilDone(sim: SimDatabase, variant: Variant, seed: number, log: (line: string) => void) {
  const runs = variant.runs;
  const traffic = Array.from({ length: runs }, (_, run) => {
    const harm = variant.harm?.(run) ?? null;
    return new RunTraffic(trafficModel(harm), randomFor(seed, run));
  });
  const failures = Array.from({ length: runs }, (_, run) => randomFor(seed ^ 0x5bd1e995, run).uniform);
  const outcomes = Array.from({ length: runs }, (_, run) => newOutcome(run));
  const skipped = { count: 0, first: null as string | null };
  let state = await readPlans(sim);
  const t0 = Math.max(...[...state.values()].map((s) => s.stepStartedAt));
  let planTicks = 0;
  let minute = 0;

  while (minute < variant.maxMinutes) {
    minute += 1;
    const now = t0 + minute * MINUTE;
    for (const plan of state.values()) {
      if (isLive(plan.status)) traffic[plan.run]!.minute(plan.shares, plan.stepStartedAt);
    }
    const failing = new Set<number>();
    const readData: GuardrailDataReader = async (request) => {
      const run = sim.runOf.get(request.releaseKey);
      if (run === undefined) throw new Error(`No run for release ${request.releaseKey}`);
      if (variant.failure > 0 && failures[run]!() < variant.failure) {
        failing.add(run);
        return { ok: false, error: "Simulated: the metrics backend is unreachable" };
      }
      if (request.since > t0)
        throw new Error(`Run ${run}: plan data asked from ${request.since}, after the traffic began`);
      return answer(traffic[run]!, request.cohortKeys, request.stepSince);
    };
    const report = await runControllerTick({
      db: sim.db,
      inTransaction,
      holder: HOLDER,
      now: new Date(now),
      leaseMs: 5 * MINUTE,
      readData,
    });
    if (!report.leader) throw new Error("The simulation's controller lost its lease");
    planTicks += report.plans.length;
    for (const outcome of report.plans) {
      if (outcome.action !== "skipped") continue;
      skipped.count += 1;
      skipped.first ??= `${outcome.planId}: ${outcome.detail ?? ""}`;
    }

    const next = await readPlans(sim);
    for (const [planId, after] of next) {
      const before = state.get(planId)!;
      const outcome = outcomes[after.run]!;
      const run = traffic[after.run]!;
      if (failing.has(after.run)) outcome.failingTicks += 1;
      const advanced = after.step !== before.step || (after.status === "finished" && before.status !== "finished");
      if (advanced) {
        outcome.advances += after.step - before.step;
        if (failing.has(after.run)) outcome.advancesWhileFailing += 1;
      }
      if (after.status === before.status) continue;
      if (after.status === "held") {
        outcome.heldAt = minute;
        outcome.heldReason = after.heldReason;
        outcome.heldKind = holdKind(after.heldReason);
        if (outcome.heldKind === "regression") outcome.regression = regressionOf(after.heldReason);
      }
      if (after.status === "finished") outcome.finishedAt = minute;
      if (after.status === "rolled_back") {
        outcome.rolledBackAt = minute;
        outcome.rollbackReason = after.heldReason;
        outcome.regression = regressionOf(after.heldReason);
      }
      if (!isLive(after.status)) {
        outcome.harmedUsers = run.harmedUsers;
        outcome.harmedShare = run.allUsers > 0 ? run.harmedUsers / run.allUsers : 0;
      }
    }
    state = next;
    if (minute % 30 === 0) log(`${variant.id}: minute ${minute}, ${countLive(state, variant)} plans to go`);
    if (countLive(state, variant) === 0) break;
  }

  for (const plan of state.values()) {
    const outcome = outcomes[plan.run]!;
    outcome.status = plan.status;
    outcome.step = plan.step;
    if (isLive(plan.status)) {
      const run = traffic[plan.run]!;
      outcome.harmedUsers = run.harmedUsers;
      outcome.harmedShare = run.allUsers > 0 ? run.harmedUsers / run.allUsers : 0;
    }
  }
  await countBackendAlerts(sim, outcomes);
  return {
    id: variant.id,
    runs,
    seed,
    minutesSimulated: minute,
    planTicks,
    skipped,
    outcomes,
  };
}

function countLive(state: Map<string, PlanState>, variant: Variant): number {
  let live = 0;
  for (const plan of state.values()) {
    if (variant.stopWhenNoneRunning ? plan.status === "running" : isLive(plan.status)) live += 1;
  }
  return live;
}

function answer(traffic: RunTraffic, cohortKeys: readonly string[], stepSince: number): TickData {
  const cohorts: Record<string, CohortData | undefined> = {};
  for (const key of cohortKeys) {
    const index = cohortIndex(key);
    // Everyone else ("default") has no users here: every user is in one of the twenty cohorts.
    cohorts[key] = index === null ? undefined : traffic.cohortData(index, stepSince);
  }
  return { ok: true, cohorts };
}

function cohortIndex(key: string): number | null {
  const match = /^cohort-(\d+)$/.exec(key);
  const index = match ? Number(match[1]) - 1 : -1;
  return index >= 0 && index < COHORT_COUNT ? index : null;
}

/**
 * Every plan and what its release serves now, in two queries for all runs: the share of each
 * cohort that gets the release (its own percentage, or everyone else's, while rolling or
 * paused; 0 when the release is a draft or rolled back, all of it when promoted).
 */
async function readPlans(sim: SimDatabase): Promise<Map<string, PlanState>> {
  const [plans, rollouts] = await Promise.all([
    sim.db.rolloutPlan.findMany({
      where: { teamId: sim.teamId },
      select: {
        id: true,
        status: true,
        currentStep: true,
        stepStartedAt: true,
        heldReason: true,
        rollout: { select: { release: { select: { key: true } } } },
      },
    }),
    sim.db.releaseRollout.findMany({
      where: { environmentId: sim.environmentId },
      select: {
        status: true,
        defaultBasisPoints: true,
        release: { select: { key: true } },
        cohorts: { select: { basisPoints: true, cohort: { select: { key: true } } } },
      },
    }),
  ]);
  const served = new Map(
    rollouts.map((r) => {
      const own = new Map(r.cohorts.map((c) => [c.cohort.key, c.basisPoints]));
      // What evaluation serves (lib/domain/evaluate.ts): an unknown status serves nobody.
      const status = isReleaseStatus(r.status) ? r.status : "draft";
      const shares = sim.cohortKeys.map(
        (key) => effectiveBasisPoints(status, own.get(key) ?? r.defaultBasisPoints) / 10_000,
      );
      return [r.release.key, shares] as const;
    }),
  );
  const state = new Map<string, PlanState>();
  for (const plan of plans) {
    const key = plan.rollout.release.key;
    state.set(plan.id, {
      run: sim.runOf.get(key)!,
      status: plan.status,
      step: plan.currentStep,
      stepStartedAt: plan.stepStartedAt?.getTime() ?? 0,
      heldReason: plan.heldReason,
      shares: served.get(key) ?? [],
    });
  }
  return state;
}

async function subscribeWebhook(sim: SimDatabase): Promise<void> {
  const admin = await sim.db.membership.findFirstOrThrow({ where: { teamId: sim.teamId }, include: { user: true } });
  await createWebhook(
    { type: "user", id: admin.user.id, name: admin.user.name },
    {
      teamSlug: "sim",
      name: "Outage alerts",
      url: "https://hooks.example.com/glidepath",
      format: "generic",
      events: ["plan.backend_unreachable"],
    },
  );
}

async function countBackendAlerts(sim: SimDatabase, outcomes: RunOutcome[]): Promise<void> {
  const [alerts, deliveries, releases] = await Promise.all([
    sim.db.auditEvent.findMany({
      where: { teamId: sim.teamId, action: "plan.backend_unreachable" },
      select: { releaseId: true },
    }),
    sim.db.webhookDelivery.findMany({
      where: { teamId: sim.teamId, event: "plan.backend_unreachable" },
      select: { body: true },
    }),
    sim.db.release.findMany({ where: { teamId: sim.teamId }, select: { id: true, key: true } }),
  ]);
  const runOfId = new Map(releases.map((r) => [r.id, sim.runOf.get(r.key)!]));
  for (const alert of alerts) {
    const run = alert.releaseId ? runOfId.get(alert.releaseId) : undefined;
    if (run !== undefined) outcomes[run]!.backendAlerts += 1;
  }
  for (const delivery of deliveries) {
    const key = /"key":"(run-\d+)"/.exec(delivery.body)?.[1];
    const run = key ? sim.runOf.get(key) : undefined;
    if (run !== undefined) outcomes[run]!.backendWebhooks += 1;
  }
}
