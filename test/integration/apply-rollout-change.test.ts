import { beforeEach, expect, it } from "vitest";
import { setApprovalPolicy } from "@/lib/approvals/set-approval-policy";
import { CONTROLLER_ACTOR } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";
import { ConflictError } from "@/lib/errors/domain-errors";
import { setRollout } from "@/lib/releases/set-rollout";
import { applyRolloutChange, type RolloutChange } from "@/lib/rollouts/apply-rollout-change";
import { loadRollout } from "@/lib/rollouts/load-rollout";
import { createTeamFixture, type TeamFixture } from "../support/fixtures";
import { scenario } from "../support/scenario";
import { configVersionOf, expectRefusedUnchanged, storedRollout } from "../support/team-state";
import { describeEachProvider } from "../support/test-database";
import { addWebhook, deliveriesOf } from "./webhooks-support";

// What a rollout plan's controller will do: change a rollout with nobody signed in.
describeEachProvider("applyRolloutChange", () => {
  let fx: TeamFixture;
  let releaseId: string;
  const prod = () => storedRollout(releaseId, fx.environments.production.id);
  const asSystem = (change: RolloutChange, expectedVersion?: number) =>
    inTransaction(async (tx) => {
      const target = await loadRollout(tx, fx.team.id, "wallet", "production");
      const by = { teamId: fx.team.id, teamSlug: fx.team.slug, teamName: fx.team.name, actor: CONTROLLER_ACTOR };
      return applyRolloutChange(tx, { by, target, expectedVersion: expectedVersion ?? target.rollout.version, change });
    });
  const auditOf = (action: string) =>
    getDb().auditEvent.findFirstOrThrow({ where: { teamId: fx.team.id, action, actorType: "system" } });

  beforeEach(async () => {
    fx = await createTeamFixture();
    const s = scenario(fx);
    releaseId = (await s.release("wallet", "Wallet")).id;
    await s.keysCohort("beta", ["alice"]);
    await s.command(releaseId, "wallet", "production", "start");
  });

  it("sets percentages for the system actor: guarded write, config version, audit event", async () => {
    const config = await configVersionOf(fx.environments.production.id);
    const { before, after } = await asSystem({
      kind: "percentages",
      percentages: { defaultBasisPoints: 500, cohorts: { beta: 2500 } },
    });
    expect(before).toMatchObject({ status: "rolling", version: 2, defaultBasisPoints: 0, cohorts: {} });
    expect(after).toMatchObject({
      status: "rolling",
      version: 3,
      defaultBasisPoints: 500,
      cohorts: { beta: 2500 },
      updatedByName: "system:controller",
    });
    expect(await prod()).toMatchObject({ version: 3, defaultBasisPoints: 500, cohorts: { beta: 2500 } });
    expect(await configVersionOf(fx.environments.production.id)).toBe(config + 1);
    const audit = await auditOf("rollout.percentages_set");
    expect(audit).toMatchObject({
      actorId: "system:controller",
      releaseId,
      summary: "Set beta 0% (everyone else) → 25%, everyone else 0% → 5% in Production",
    });
    expect(JSON.parse(audit.before ?? "null")).toEqual({ defaultBasisPoints: 0, cohorts: {}, version: 2 });
    expect(JSON.parse(audit.after ?? "null")).toEqual({ defaultBasisPoints: 500, cohorts: { beta: 2500 }, version: 3 });
  });

  it("rolls back for the system actor: cancels pending requests and tells the team's webhooks who did it", async () => {
    const webhook = await addWebhook(fx, "http://127.0.0.1:9/hooks", { events: ["rollout.rolled_back"] });
    const policy = {
      cohortThresholdBasisPoints: 5000,
      defaultAboveZero: true,
      promote: true,
      criticalReleases: true,
      expiryMinutes: 60,
    };
    await setApprovalPolicy(fx.actors.admin, {
      teamSlug: fx.team.slug,
      environmentKey: "production",
      expectedVersion: 0,
      ...policy,
    });
    const held = await setRollout(fx.actors.editor, {
      teamSlug: fx.team.slug,
      releaseKey: "wallet",
      environmentKey: "production",
      expectedVersion: 2,
      defaultBasisPoints: 100,
      cohorts: {},
    });
    expect(held.pendingApproval?.status).toBe("pending");

    const { after } = await asSystem({ kind: "status", command: "rollback" });
    expect(after).toMatchObject({ status: "rolled_back", version: 3, updatedByName: "system:controller" });
    expect(await auditOf("rollout.rolled_back")).toMatchObject({
      actorName: "system:controller",
      summary: "Rolled back in Production: Rolling out → Rolled back",
    });
    expect(await auditOf("change_request.cancelled")).toMatchObject({ actorName: "system:controller" });
    expect(await getDb().changeRequest.findFirstOrThrow({ where: { teamId: fx.team.id } })).toMatchObject({
      status: "cancelled",
      reviewComment: "cancelled by roll back",
    });
    const [delivery] = await deliveriesOf(webhook.id);
    expect(JSON.parse(delivery!.body)).toMatchObject({
      type: "rollout.rolled_back",
      actor: { type: "system", name: "system:controller" },
      summary: "system:controller rolled back Wallet in Production: Rolling out → Rolled back",
    });
  });

  it("writes nothing and throws ConflictError when the rollout moved past the expected version", async () => {
    const percentages = { kind: "percentages", percentages: { defaultBasisPoints: 500, cohorts: {} } } as const;
    await expectRefusedUnchanged(fx.team.id, () => asSystem(percentages, 1), ConflictError);
    await expectRefusedUnchanged(fx.team.id, () => asSystem({ kind: "status", command: "pause" }, 1), ConflictError);
  });

  it("treats a cohort that is gone by the time of the write as a lost race", async () => {
    const change = { kind: "percentages", percentages: { defaultBasisPoints: 0, cohorts: { nobody: 100 } } } as const;
    await expectRefusedUnchanged(fx.team.id, () => asSystem(change), ConflictError);
  });
});
