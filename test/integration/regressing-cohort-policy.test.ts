import { beforeEach, expect, it } from "vitest";
import { setApprovalPolicy } from "@/lib/approvals/set-approval-policy";
import { getDb } from "@/lib/db/client";
import { databaseUrl, providerOf } from "@/lib/db/database-url";
import { seriesRegistryFor } from "@/lib/metrics/backend-for";
import { AggregateCell } from "@/lib/metrics/builtin/aggregate-cell";
import { writeCells, type MinuteCell } from "@/lib/metrics/builtin/aggregate-writer";
import { createMetricDefinition } from "@/lib/metrics/definitions/create-metric-definition";
import type { Variant } from "@/lib/metrics/metric-types";
import { readCohortHealth } from "@/lib/plans/read-cohort-health";
import { changeReleaseStatus } from "@/lib/releases/change-release-status";
import { setRollout } from "@/lib/releases/set-rollout";
import { createTeamFixture, type TeamFixture } from "../support/fixtures";
import { scenario } from "../support/scenario";
import { auditCount, storedRollout } from "../support/team-state";
import { accessOf } from "../support/team-access";
import { describeEachProvider } from "../support/test-database";

// Issue 13, part 1: "changes that raise a cohort which is regressing need approval", judged on
// the server from the same health read the release page shows; roll back never waits.

const ONLY_REGRESSIONS = {
  cohortThresholdBasisPoints: null,
  defaultAboveZero: false,
  promote: false,
  criticalReleases: false,
  regressingCohorts: true,
  expiryMinutes: 60,
};

const MOBILE_REASON = "Cohort mobile is regressing (Errors 5× control, last 24 h)";

describeEachProvider("approval policy: raising a regressing cohort", () => {
  let fx: TeamFixture;
  let releaseId: string;
  const slug = () => fx.team.slug;
  const prod = () => fx.environments.production.id;

  beforeEach(async () => {
    fx = await createTeamFixture();
    await scenario(fx).keysCohort("mobile", ["m-1"]);
    await scenario(fx).keysCohort("beta", ["b-1"]);
    releaseId = (await scenario(fx).release("checkout")).id;
    await setRollout(fx.actors.editor, {
      teamSlug: slug(),
      releaseKey: "checkout",
      environmentKey: "production",
      expectedVersion: 1,
      defaultBasisPoints: 0,
      cohorts: { mobile: 1000, beta: 1000 },
    });
    await scenario(fx).command(releaseId, "checkout", "production", "start");
    await createMetricDefinition(fx.actors.editor, {
      teamSlug: slug(),
      key: "errors",
      name: "Errors",
      kind: "error_rate",
      badDirection: "up",
      source: "builtin",
    });
    // Mobile users: treatment fails five times as often as control, on thousands of requests.
    const nowMinute = Math.floor(Date.now() / 60_000);
    const series = (cohortKey: string, variant: Variant) => ({
      environmentId: prod(),
      metricKey: "errors",
      releaseKey: "checkout",
      cohortKey,
      variant,
    });
    const errors = (requests: number, failed: number) => {
      const cell = new AggregateCell("plain");
      cell.addIncrement(requests, failed);
      return cell;
    };
    const cells: MinuteCell[] = [];
    for (const hoursAgo of [1, 2, 3]) {
      const minute = nowMinute - hoursAgo * 60;
      cells.push(
        { series: series("mobile", "treatment"), minute, cell: errors(1000, 50) },
        { series: series("mobile", "control"), minute, cell: errors(1000, 10) },
        { series: series("beta", "treatment"), minute, cell: errors(1000, 10) },
        { series: series("beta", "control"), minute, cell: errors(1000, 10) },
      );
    }
    await writeCells(getDb(), providerOf(databaseUrl()), seriesRegistryFor(getDb()), cells);
  });

  const policy = (rules: Partial<typeof ONLY_REGRESSIONS> = {}, expectedVersion = 0) =>
    setApprovalPolicy(fx.actors.admin, {
      teamSlug: slug(),
      environmentKey: "production",
      expectedVersion,
      ...ONLY_REGRESSIONS,
      ...rules,
    });

  const raise = async (cohorts: Record<string, number>) =>
    setRollout(fx.actors.editor, {
      teamSlug: slug(),
      releaseKey: "checkout",
      environmentKey: "production",
      expectedVersion: (await storedRollout(releaseId, prod())).version,
      defaultBasisPoints: 0,
      cohorts,
      comment: "more",
    });

  it("the health read puts the regressing cohort first, in words", async () => {
    const health = await readCohortHealth(await accessOf(fx, "viewer"), {
      environment: fx.environments.production,
      releaseKey: "checkout",
    });
    expect(health.cohorts[0]).toMatchObject({
      cohortKey: "mobile",
      cohortName: "Cohort mobile",
      state: "regressing",
      words: "Errors 5× control",
      basis: "last 24 h",
    });
    expect(health.cohorts.find((c) => c.cohortKey === "beta")?.state).toBe("healthy");
    expect(health.guardrails).toBe(false);
  });

  it("raising it is held with the cohort's name and how much worse it is; other cohorts and lowering apply", async () => {
    await policy();
    const before = await storedRollout(releaseId, prod());
    const held = await raise({ mobile: 2000 });
    expect(held.changed).toBe(false);
    expect(held.pendingApproval?.reasons).toEqual([`${MOBILE_REASON}: raised 10% → 20%`]);
    expect(await storedRollout(releaseId, prod())).toMatchObject({ version: before.version });
    // The audit event of the request carries the reason.
    const created = await getDb().auditEvent.findFirstOrThrow({
      where: { teamId: fx.team.id, action: "change_request.created" },
    });
    expect(created.after).toContain(`${MOBILE_REASON}: raised 10% → 20%`);

    expect((await raise({ beta: 3000 })).changed).toBe(true);
    expect((await raise({ mobile: 500 })).changed).toBe(true);
  });

  it("promote is held too; roll back never waits", async () => {
    await policy();
    const promote = await changeReleaseStatus(fx.actors.editor, {
      teamSlug: slug(),
      releaseKey: "checkout",
      environmentKey: "production",
      command: "promote",
      expectedVersion: (await storedRollout(releaseId, prod())).version,
    });
    expect(promote.status).toBe("rolling");
    expect(promote.pendingApproval?.reasons).toEqual([`${MOBILE_REASON}: raised 10% → 100%`]);

    const rollbacks = await auditCount(fx.team.id, "rollout.rolled_back");
    const rolledBack = await changeReleaseStatus(fx.actors.editor, {
      teamSlug: slug(),
      releaseKey: "checkout",
      environmentKey: "production",
      command: "rollback",
    });
    expect(rolledBack.status).toBe("rolled_back");
    expect(rolledBack.pendingApproval).toBeUndefined();
    expect(await auditCount(fx.team.id, "rollout.rolled_back")).toBe(rollbacks + 1);
  });

  it("without the rule the same raise applies at once", async () => {
    await policy({ regressingCohorts: false });
    expect((await raise({ mobile: 2000 })).changed).toBe(true);
  });
});
