import { afterEach, beforeEach, expect, it } from "vitest";
import { approveChangeRequest } from "@/lib/approvals/approve-change-request";
import { setApprovalPolicy } from "@/lib/approvals/set-approval-policy";
import { getDb, type Tx } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";
import { ConflictError } from "@/lib/errors/domain-errors";
import type { ArmPair, CohortData, TickData } from "@/lib/domain/plans/decide-plan-tick";
import type { PlanDefinitionInput } from "@/lib/plans/plan-schemas";
import { createMetricDefinition } from "@/lib/metrics/definitions/create-metric-definition";
import { createPlan } from "@/lib/plans/create-plan";
import { runControllerTick } from "@/lib/plans/controller/run-controller-tick";
import type { GuardrailDataReader } from "@/lib/plans/controller/tick-plan";
import { pausePlan } from "@/lib/plans/pause-plan";
import { startPlan } from "@/lib/plans/start-plan";
import { setRollout } from "@/lib/releases/set-rollout";
import { createTeamFixture, type TeamFixture } from "../support/fixtures";
import { scenario } from "../support/scenario";
import { storedRollout } from "../support/team-state";
import { describeEachProvider } from "../support/test-database";
import { addWebhook, deliveriesOf } from "./webhooks-support";

const MINUTE = 60_000;
const T0 = Date.now();

function errorArms(treatment: [number, number], control: [number, number]): ArmPair {
  return {
    treatment: { kind: "error_rate", requests: treatment[0], errors: treatment[1] },
    control: { kind: "error_rate", requests: control[0], errors: control[1] },
  };
}

/** Both variants alike: plenty of requests at 1% errors (exposures as configured: `share`, or unknown). */
function healthy(share?: number): CohortData {
  return {
    metrics: { errors: errorArms([200_000, 2_000], [200_000, 2_000]) },
    exposures:
      share === undefined ? null : { treatment: Math.round(20_000 * share), control: Math.round(20_000 * (1 - share)) },
  };
}

function harmful(): CohortData {
  return {
    metrics: { errors: errorArms([50_000, 2_500], [200_000, 2_000]) },
    exposures: { treatment: 2_000, control: 18_000 },
  };
}

/** What the metrics backend answers, per cohort key; the controller reads it through this. */
function reader(answer: (cohortKeys: readonly string[]) => TickData): GuardrailDataReader {
  return async (request) => answer(request.cohortKeys);
}

const everyoneHealthy = reader((keys) => ({ ok: true, cohorts: Object.fromEntries(keys.map((k) => [k, healthy()])) }));

const PLAN: PlanDefinitionInput = {
  steps: [
    { targets: { beta: 1000, default: 500 }, bakeMinutes: 10 },
    { targets: { beta: 5000, default: 2000 }, bakeMinutes: 10 },
    { targets: { beta: 10000, default: 10000 }, bakeMinutes: 0, promote: true },
  ],
  guardrails: {
    metrics: [{ metricKey: "errors", tolerance: { kind: "absolute", value: 0.005 } }],
  },
};

describeEachProvider("plan controller", () => {
  let fx: TeamFixture;
  let releaseId: string;
  const target = () => ({ teamSlug: fx.team.slug, releaseKey: "wallet", environmentKey: "production" });
  const prod = () => storedRollout(releaseId, fx.environments.production.id);
  const planRow = (id: string) => getDb().rolloutPlan.findUniqueOrThrow({ where: { id } });
  const audits = (action: string) =>
    getDb().auditEvent.findMany({ where: { teamId: fx.team.id, action }, orderBy: { createdAt: "asc" } });
  const tick = (
    at: number,
    readData: GuardrailDataReader = everyoneHealthy,
    holder = "A",
    transaction = inTransaction,
  ) =>
    runControllerTick({
      db: getDb(),
      inTransaction: transaction,
      holder,
      now: new Date(at),
      leaseMs: 5 * MINUTE,
      readData,
    });

  async function startedPlan(definition: PlanDefinitionInput = PLAN) {
    const plan = await createPlan(fx.actors.editor, { ...target(), definition });
    const started = await startPlan(fx.actors.editor, { ...target(), planId: plan.id, expectedVersion: plan.version });
    return started.plan;
  }

  beforeEach(async () => {
    fx = await createTeamFixture();
    const s = scenario(fx);
    releaseId = (await s.release("wallet", "Wallet")).id;
    await s.keysCohort("beta", ["alice"]);
    await createMetricDefinition(fx.actors.editor, {
      teamSlug: fx.team.slug,
      key: "errors",
      name: "Error rate",
      kind: "error_rate",
      badDirection: "up",
      source: "builtin",
    });
    await getDb().controllerLease.deleteMany({});
  });

  // The controller judges every live plan in the database: end this test's so the next test's ticks see only theirs.
  afterEach(async () => {
    await getDb().rolloutPlan.updateMany({ where: { teamId: fx.team.id }, data: { status: "cancelled" } });
  });

  it("starts with its first step, bakes, advances on healthy verdicts and finishes by promoting", async () => {
    const plan = await startedPlan();
    expect(await prod()).toMatchObject({ status: "rolling", defaultBasisPoints: 500, cohorts: { beta: 1000 } });

    await tick(T0 + 5 * MINUTE);
    let row = await planRow(plan.id);
    expect(row).toMatchObject({ status: "running", currentStep: 0 });
    expect(row.waitingFor).toMatch(/^Baking step 1 of 3: \d+ min left$/);

    const stepStarted = (await planRow(plan.id)).stepStartedAt!.getTime();
    await tick(stepStarted + 11 * MINUTE);
    row = await planRow(plan.id);
    expect(row).toMatchObject({ status: "running", currentStep: 1 });
    expect(await prod()).toMatchObject({ status: "rolling", defaultBasisPoints: 2000, cohorts: { beta: 5000 } });
    const [advanced] = await audits("plan.step_advanced");
    expect(advanced).toMatchObject({ actorName: "Glidepath automation", actorType: "system" });
    expect(advanced!.summary).toContain("Took step 2 of 3");
    expect(advanced!.summary).toMatch(/guardrails healthy in 2 cohorts/);

    await tick(stepStarted + 30 * MINUTE);
    expect(await prod()).toMatchObject({ status: "promoted" });
    expect(await planRow(plan.id)).toMatchObject({ status: "finished", currentStep: 2 });
  });

  it("rolls the release back on a breach in one cohort, with the reason in numbers, and tells the webhooks", async () => {
    const webhook = await addWebhook(fx, "http://127.0.0.1:9/hooks", {
      events: ["plan.rolled_back", "plan.guardrail_breached"],
    });
    const plan = await startedPlan();
    const breach = reader((keys) => ({
      ok: true,
      cohorts: Object.fromEntries(keys.map((k) => [k, k === "beta" ? harmful() : healthy(0.05)])),
    }));
    await tick(T0 + 2 * MINUTE, breach);
    expect(await prod()).toMatchObject({ status: "rolled_back" });
    const row = await planRow(plan.id);
    expect(row.status).toBe("rolled_back");
    expect(row.heldReason).toMatch(
      /^Regression: Error rate \+4\.0 pp \(\d\.\d to \d\.\d\) in Cohort beta, tolerance \+0\.5 pp — rolled back at \d\d:\d\d UTC$/,
    );
    const [rolledBack] = await audits("rollout.rolled_back");
    expect(rolledBack).toMatchObject({ actorName: "Glidepath automation" });
    expect(await audits("plan.rolled_back")).toHaveLength(1);
    const types = (await deliveriesOf(webhook.id)).map((d) => d.event).sort();
    expect(types).toEqual(["plan.guardrail_breached", "plan.rolled_back"]);
    // Ticking again changes nothing: the plan is over.
    await tick(T0 + 3 * MINUTE, breach);
    expect(await audits("plan.rolled_back")).toHaveLength(1);
  });

  it("never advances while the metrics backend fails, and says so once after the alert time", async () => {
    const plan = await startedPlan();
    const down = reader(() => ({ ok: false, error: "Prometheus is unreachable" }));
    const stepStarted = (await planRow(plan.id)).stepStartedAt!.getTime();
    for (let minute = 1; minute <= 40; minute += 3) await tick(stepStarted + minute * MINUTE, down);
    const row = await planRow(plan.id);
    expect(row).toMatchObject({ status: "running", currentStep: 0 });
    expect(row.waitingFor).toMatch(/^Holding: metrics backend unreachable since \d\d:\d\d UTC$/);
    expect(row.backendFailingSince).not.toBeNull();
    expect(await prod()).toMatchObject({ defaultBasisPoints: 500, cohorts: { beta: 1000 } });
    expect(await audits("plan.backend_unreachable")).toHaveLength(1);
    // Back up: the wait ends and the step goes on.
    await tick(stepStarted + 45 * MINUTE);
    expect(await planRow(plan.id)).toMatchObject({ currentStep: 1, backendFailingSince: null });
  });

  it("waits for data while a cohort has too few samples and then asks a person", async () => {
    const plan = await startedPlan();
    const thin = reader((keys) => ({
      ok: true,
      cohorts: Object.fromEntries(
        keys.map((k) => [
          k,
          k === "beta" ? { metrics: { errors: errorArms([40, 0], [400, 4]) }, exposures: null } : healthy(0.05),
        ]),
      ),
    }));
    const stepStarted = (await planRow(plan.id)).stepStartedAt!.getTime();
    await tick(stepStarted + 12 * MINUTE, thin);
    expect((await planRow(plan.id)).waitingFor).toMatch(
      /^Waiting for data: 40 of ~[\d,]+ requests in Cohort beta \(Error rate\)$/,
    );
    await tick(stepStarted + 31 * MINUTE, thin);
    const row = await planRow(plan.id);
    expect(row.status).toBe("held");
    expect(row.heldReason).toMatch(/Cohort beta is too small to judge step 1 of 3 in 30 min/);
    expect(await prod()).toMatchObject({ defaultBasisPoints: 500, cohorts: { beta: 1000 } });
  });

  it("holds on a sample ratio mismatch and says why", async () => {
    const plan = await startedPlan();
    const skewed = reader((keys) => ({
      ok: true,
      cohorts: Object.fromEntries(
        keys.map((k) => [
          k,
          k === "beta" ? { ...healthy(0.1), exposures: { treatment: 1_000, control: 19_000 } } : healthy(0.05),
        ]),
      ),
    }));
    await tick(T0 + 2 * MINUTE, skewed);
    const row = await planRow(plan.id);
    expect(row.status).toBe("held");
    expect(row.heldReason).toMatch(
      /^Holding: sample ratio mismatch in Cohort beta: 5\.0% of exposed users got the release, 10\.0% expected/,
    );
    expect(await audits("plan.held")).toHaveLength(1);
  });

  it("lets one of two controllers act at a time: a step is taken once whatever the contention", async () => {
    const plan = await startedPlan();
    const stepStarted = (await planRow(plan.id)).stepStartedAt!.getTime();
    const at = stepStarted + 11 * MINUTE;
    const reports = await Promise.all([tick(at, everyoneHealthy, "A"), tick(at, everyoneHealthy, "B")]);
    expect(reports.filter((r) => r.leader)).toHaveLength(1);
    const loser = reports[0]!.leader ? "B" : "A";
    // The other keeps trying while the leader's lease is fresh: nothing more happens.
    for (let i = 1; i <= 3; i++) expect((await tick(at + i * 1000, everyoneHealthy, loser)).leader).toBe(false);
    expect(await audits("plan.step_advanced")).toHaveLength(1);
    expect(await getDb().planAction.count({ where: { planId: plan.id, kind: "advance" } })).toBe(2);
    // The leader goes away; once its lease expires the other takes over and the plan goes on.
    const later = at + 6 * MINUTE + 11 * MINUTE;
    expect((await tick(later, everyoneHealthy, loser)).leader).toBe(true);
    expect(await planRow(plan.id)).toMatchObject({ status: "finished" });
  });

  it("after a crash in the middle of a step applies nothing, and the next tick takes the step exactly once", async () => {
    const plan = await startedPlan();
    const before = await prod();
    const stepStarted = (await planRow(plan.id)).stepStartedAt!.getTime();
    const crashing = <T>(work: (tx: Tx) => Promise<T>) =>
      inTransaction(async (tx) => {
        await work(tx);
        throw new Error("process killed mid-step");
      });
    const report = await tick(stepStarted + 11 * MINUTE, everyoneHealthy, "A", crashing);
    expect(report.plans[0]).toMatchObject({ action: "skipped" });
    expect(await prod()).toEqual(before);
    expect(await planRow(plan.id)).toMatchObject({ currentStep: 0, version: (await planRow(plan.id)).version });
    expect(await audits("plan.step_advanced")).toHaveLength(0);

    await tick(stepStarted + 12 * MINUTE);
    await tick(stepStarted + 12 * MINUTE + 1000);
    expect(await audits("plan.step_advanced")).toHaveLength(1);
    expect(await prod()).toMatchObject({ defaultBasisPoints: 2000, cohorts: { beta: 5000 } });
  });

  it("never applies the same step twice from a stale read (idempotency key per plan, step and attempt)", async () => {
    const plan = await startedPlan();
    const stepStarted = (await planRow(plan.id)).stepStartedAt!.getTime();
    // Two instances that both read the plan at step 1 and both decide to advance.
    const slowReader: GuardrailDataReader = async (request, db) => {
      await new Promise((resolve) => setImmediate(resolve));
      return everyoneHealthy(request, db);
    };
    await getDb().controllerLease.deleteMany({});
    const leaseless = (holder: string) =>
      runControllerTick({
        db: getDb(),
        inTransaction,
        holder,
        now: new Date(stepStarted + 11 * MINUTE),
        leaseMs: 1, // expires at once: both act, as after a lease lost mid-tick
        readData: slowReader,
      });
    await Promise.all([leaseless("A"), leaseless("B")]);
    expect(await audits("plan.step_advanced")).toHaveLength(1);
    expect(await prod()).toMatchObject({ defaultBasisPoints: 2000, cohorts: { beta: 5000 } });
  });

  it("a hand change pauses the plan first; a paused plan takes no step but still rolls back on harm", async () => {
    const plan = await startedPlan();
    const current = await prod();
    const saved = await setRollout(fx.actors.editor, {
      ...target(),
      expectedVersion: current.version,
      cohorts: { beta: 2000 },
    });
    expect(saved.planPaused).toBe(true);
    expect(await planRow(plan.id)).toMatchObject({ status: "paused" });
    const [paused] = await audits("plan.paused");
    expect(paused!.summary).toContain("percentages set by hand");

    const stepStarted = (await planRow(plan.id)).stepStartedAt!.getTime();
    await tick(stepStarted + 60 * MINUTE);
    expect(await prod()).toMatchObject({ cohorts: { beta: 2000 } });
    const breach = reader((keys) => ({
      ok: true,
      cohorts: Object.fromEntries(keys.map((k) => [k, k === "beta" ? harmful() : healthy(0.05)])),
    }));
    await tick(stepStarted + 61 * MINUTE, breach);
    expect(await prod()).toMatchObject({ status: "rolled_back" });
  });

  it("while the release is paused (it still serves its split) takes no step but still rolls back on harm", async () => {
    const plan = await startedPlan();
    await scenario(fx).command(releaseId, "wallet", "production", "pause");
    const stepStarted = (await planRow(plan.id)).stepStartedAt!.getTime();
    await tick(stepStarted + 30 * MINUTE);
    expect(await planRow(plan.id)).toMatchObject({
      status: "running",
      currentStep: 0,
      waitingFor: "Waiting: the release is paused; guardrails still judge it",
    });
    const breach = reader((keys) => ({
      ok: true,
      cohorts: Object.fromEntries(keys.map((k) => [k, k === "beta" ? harmful() : healthy()])),
    }));
    await tick(stepStarted + 31 * MINUTE, breach);
    expect(await prod()).toMatchObject({ status: "rolled_back" });
  });

  it("a plan is approved once as written where the policy asks, then runs by itself", async () => {
    await setApprovalPolicy(fx.actors.admin, {
      teamSlug: fx.team.slug,
      environmentKey: "production",
      expectedVersion: 0,
      cohortThresholdBasisPoints: 2500,
      defaultAboveZero: false,
      promote: true,
      criticalReleases: false,
      expiryMinutes: 60,
    });
    const plan = await createPlan(fx.actors.editor, { ...target(), definition: PLAN });
    const held = await startPlan(fx.actors.editor, { ...target(), planId: plan.id, expectedVersion: plan.version });
    expect(held.pendingApproval?.kind).toBe("plan_start");
    expect(held.pendingApproval?.reasons).toEqual([
      "Step 2: Cohort beta raised above 25% (to 50%)",
      "Step 3: Cohort beta raised above 25% (to 100%)",
      "Step 3: everyone else raised above 25% (to 100%)",
      "Step 3: Promoting to everyone needs approval here",
    ]);
    expect(await prod()).toMatchObject({ status: "draft", defaultBasisPoints: 0 });
    await approveChangeRequest(fx.actors.approver, { teamSlug: fx.team.slug, id: held.pendingApproval!.id });
    expect(await prod()).toMatchObject({ status: "rolling", defaultBasisPoints: 500, cohorts: { beta: 1000 } });
    const stepStarted = (await planRow(plan.id)).stepStartedAt!.getTime();
    await tick(stepStarted + 11 * MINUTE);
    await tick(stepStarted + 22 * MINUTE);
    expect(await prod()).toMatchObject({ status: "promoted" });
  });

  it("roll back by hand ends the plan; pausing a plan needs the version the person saw", async () => {
    const plan = await startedPlan();
    const stale = await pausePlan(fx.actors.editor, {
      ...target(),
      planId: plan.id,
      expectedVersion: plan.version - 1,
    }).catch((e: Error) => e);
    expect(stale).toBeInstanceOf(ConflictError);
    expect(await planRow(plan.id)).toMatchObject({ status: "running" });
    await scenario(fx).command(releaseId, "wallet", "production", "rollback");
    expect(await planRow(plan.id)).toMatchObject({ status: "rolled_back" });
    expect((await audits("plan.ended"))[0]!.summary).toContain("rolled back by Eddie Editor");
  });
});
