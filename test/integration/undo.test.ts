import { beforeEach, describe, expect, it } from "vitest";
import { approveChangeRequest } from "@/lib/approvals/approve-change-request";
import { setApprovalPolicy } from "@/lib/approvals/set-approval-policy";
import { archiveCohort } from "@/lib/cohorts/archive-cohort";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { getDb } from "@/lib/db/client";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors/domain-errors";
import { changeReleaseStatus } from "@/lib/releases/change-release-status";
import { previewRevert } from "@/lib/releases/preview-revert";
import { revertRolloutChange } from "@/lib/releases/revert-rollout-change";
import { setRollout } from "@/lib/releases/set-rollout";
import { createTeamFixture, type TeamFixture } from "../support/fixtures";
import { scenario } from "../support/scenario";
import { accessOf } from "../support/team-access";
import { expectRefusedUnchanged, storedRollout } from "../support/team-state";
import { describeEachProvider } from "../support/test-database";

const STRICT = {
  cohortThresholdBasisPoints: 5000,
  defaultAboveZero: true,
  promote: true,
  criticalReleases: false,
  expiryMinutes: 60,
};

describeEachProvider("undo: restore after a roll back, revert an audit entry", () => {
  let fx: TeamFixture;
  let releaseId: string;
  const prod = () => storedRollout(releaseId, fx.environments.production.id);
  const command = async (cmd: string, actor = fx.actors.editor, expectedVersion?: number) =>
    changeReleaseStatus(actor, {
      teamSlug: fx.team.slug,
      releaseKey: "wallet",
      environmentKey: "production",
      command: cmd,
      expectedVersion: expectedVersion ?? (await prod()).version,
    });
  const set = async (defaultBasisPoints: number, cohorts: Record<string, number | null>) =>
    setRollout(fx.actors.editor, {
      teamSlug: fx.team.slug,
      releaseKey: "wallet",
      environmentKey: "production",
      expectedVersion: (await prod()).version,
      defaultBasisPoints,
      cohorts,
    });
  const strictPolicy = () =>
    setApprovalPolicy(fx.actors.admin, {
      teamSlug: fx.team.slug,
      environmentKey: "production",
      expectedVersion: 0,
      ...STRICT,
    });
  const latestEvent = async () => (await listAuditEvents(await accessOf(fx), { releaseId, limit: 1 }))[0]!;

  beforeEach(async () => {
    fx = await createTeamFixture();
    const s = scenario(fx);
    releaseId = (await s.release("wallet", "Wallet")).id;
    await s.keysCohort("beta", ["alice"]);
    await s.keysCohort("mobile", ["bob"]);
    await command("start");
    await set(1000, { beta: 5000, mobile: 2000 });
  });

  describe("restore after a roll back", () => {
    it("rolls out again at the percentages from before the roll back, in one audited change", async () => {
      await command("rollback");
      const rolledBack = await prod();
      const result = await command("restore");
      expect(result).toMatchObject({
        status: "rolling",
        version: rolledBack.version + 1,
        defaultBasisPoints: 1000,
        cohorts: { beta: 5000, mobile: 2000 },
      });
      expect(await prod()).toMatchObject({
        status: "rolling",
        defaultBasisPoints: 1000,
        cohorts: { beta: 5000, mobile: 2000 },
      });
      expect(await latestEvent()).toMatchObject({
        action: "rollout.restored",
        actorName: "Eddie Editor",
        summary: expect.stringContaining("Restored the percentages from before the roll back in Production"),
        before: { status: "rolled_back" },
        after: { status: "rolling", defaultBasisPoints: 1000, cohorts: { beta: 5000, mobile: 2000 } },
      });
    });

    it("is held for approval where the policy would hold the ramp, and applies once approved", async () => {
      await strictPolicy();
      await command("rollback");
      const rolledBack = await prod();
      const held = await command("restore");
      expect(held.pendingApproval).toMatchObject({
        kind: "restore",
        status: "pending",
        reasons: ["everyone else raised above 0% (to 10%)"],
        changes: expect.arrayContaining([{ key: "beta", name: "beta", from: null, to: 5000 }]),
      });
      expect(held.pendingApproval?.summary).toMatch(/^Restore the percentages from before the roll back/);
      expect(await prod()).toEqual(rolledBack);

      const approved = await approveChangeRequest(fx.actors.approver, {
        teamSlug: fx.team.slug,
        id: held.pendingApproval!.id,
      });
      expect(approved.status).toBe("applied");
      expect(await prod()).toMatchObject({
        status: "rolling",
        defaultBasisPoints: 1000,
        cohorts: { beta: 5000, mobile: 2000 },
      });
      const restored = await getDb().auditEvent.findFirstOrThrow({ where: { releaseId, action: "rollout.restored" } });
      expect(restored.summary).toBe(
        "Restored the percentages from before the roll back in Production: Rolled back → Rolling out " +
          "(beta 50%, mobile 20%, everyone else 10%) — requested by Eddie Editor, approved by Abe Approver",
      );
    });

    it("refuses a stale version with the current state and changes nothing", async () => {
      await command("rollback");
      const stale = (await prod()).version - 1;
      const error = await expectRefusedUnchanged(
        fx.team.id,
        () => command("restore", fx.actors.editor, stale),
        ConflictError,
      );
      expect(error.current).toMatchObject({ status: "rolled_back" });
    });

    it("is refused unless the release is rolled back, and for a release that was a draft before", async () => {
      const refused = await expectRefusedUnchanged(fx.team.id, () => command("restore"), ValidationError);
      expect(refused.fieldErrors.command?.[0]).toMatch(/Only a rolled-back release can be restored/);

      const s = scenario(fx);
      const draft = await s.release("drafty");
      await changeReleaseStatus(fx.actors.editor, {
        teamSlug: fx.team.slug,
        releaseKey: "drafty",
        environmentKey: "production",
        command: "rollback",
      });
      const fromDraft = await expectRefusedUnchanged(
        fx.team.id,
        () => s.command(draft.id, "drafty", "production", "restore"),
        ValidationError,
      );
      expect(fromDraft.fieldErrors.command?.[0]).toMatch(/draft before the roll back/);
    });

    it("is refused to a viewer", async () => {
      await command("rollback");
      await expectRefusedUnchanged(fx.team.id, () => command("restore", fx.actors.viewer), ForbiddenError);
    });
  });

  describe("revert an audit entry", () => {
    it("puts back what that change moved, keeping later changes to other cohorts, and names the entry", async () => {
      await set(1000, { mobile: 4000 });
      const raise = await latestEvent();
      await set(1000, { beta: 3000 });
      const preview = await previewRevert(fx.actors.editor, { teamSlug: fx.team.slug, auditEventId: raise.id });
      expect(preview).toMatchObject({
        version: (await prod()).version,
        changes: [{ key: "mobile", name: "Cohort mobile", from: 4000, to: 2000 }],
        reasons: [],
        blocked: null,
      });
      const result = await revertRolloutChange(fx.actors.editor, {
        teamSlug: fx.team.slug,
        auditEventId: raise.id,
        expectedVersion: preview.version,
      });
      expect(result.changed).toBe(true);
      expect(await prod()).toMatchObject({ defaultBasisPoints: 1000, cohorts: { beta: 3000, mobile: 2000 } });
      const event = await latestEvent();
      expect(event.action).toBe("rollout.percentages_set");
      expect(event.summary).toContain(`reverting Eddie Editor's change of`);
      expect(event.summary).toContain(raise.summary);
    });

    it("leaves out a cohort archived since the change", async () => {
      await set(1000, { mobile: 4000, beta: 6000 });
      const raise = await latestEvent();
      const mobile = await getDb().cohort.findFirstOrThrow({ where: { teamId: fx.team.id, key: "mobile" } });
      await archiveCohort(fx.actors.editor, {
        teamSlug: fx.team.slug,
        cohortKey: "mobile",
        expectedVersion: mobile.version,
      });
      const { version } = await prod();
      const result = await revertRolloutChange(fx.actors.editor, {
        teamSlug: fx.team.slug,
        auditEventId: raise.id,
        expectedVersion: version,
      });
      expect(result.changed).toBe(true);
      expect((await prod()).cohorts).toEqual({ beta: 5000 });
    });

    it("is held for approval when putting back raises past the policy", async () => {
      await set(1000, { mobile: 6000 });
      await set(1000, { mobile: 0 });
      const lowered = await latestEvent();
      await strictPolicy();
      const before = await prod();
      const preview = await previewRevert(fx.actors.editor, { teamSlug: fx.team.slug, auditEventId: lowered.id });
      const result = await revertRolloutChange(fx.actors.editor, {
        teamSlug: fx.team.slug,
        auditEventId: lowered.id,
        expectedVersion: before.version,
        comment: "the dip was unrelated",
      });
      expect(result.changed).toBe(false);
      expect(result.pendingApproval).toMatchObject({ kind: "set_rollout", reasons: preview.reasons });
      expect(result.pendingApproval?.comment).toMatch(/^reverting Eddie Editor's change of .*\nthe dip was unrelated$/);
      expect(await prod()).toEqual(before);
    });

    it("refuses a viewer, a stale version and an entry that is not a percentage change", async () => {
      await set(1000, { mobile: 4000 });
      const raise = await latestEvent();
      const version = (await prod()).version;
      const input = { teamSlug: fx.team.slug, auditEventId: raise.id, expectedVersion: version };
      await expectRefusedUnchanged(fx.team.id, () => revertRolloutChange(fx.actors.viewer, input), ForbiddenError);
      await expectRefusedUnchanged(fx.team.id, () => previewRevert(fx.actors.viewer, input), ForbiddenError);
      await expectRefusedUnchanged(
        fx.team.id,
        () => revertRolloutChange(fx.actors.editor, { ...input, expectedVersion: version - 1 }),
        ConflictError,
      );
      const started = await getDb().auditEvent.findFirstOrThrow({ where: { releaseId, action: "rollout.started" } });
      const wrongKind = await expectRefusedUnchanged(
        fx.team.id,
        () => revertRolloutChange(fx.actors.editor, { ...input, auditEventId: started.id }),
        ValidationError,
      );
      expect(wrongKind.fieldErrors.auditEventId).toBeDefined();
    });
  });
});
