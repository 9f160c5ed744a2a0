import { beforeEach, describe, expect, it } from "vitest";
import { approveChangeRequest } from "@/lib/approvals/approve-change-request";
import { rejectChangeRequest } from "@/lib/approvals/reject-change-request";
import { setApprovalPolicy } from "@/lib/approvals/set-approval-policy";
import { createAdminKey } from "@/lib/api-keys/create-admin-key";
import type { Actor } from "@/lib/auth/actor";
import { archiveCohort, restoreCohort } from "@/lib/cohorts/archive-cohort";
import { listCohorts } from "@/lib/cohorts/list-cohorts";
import { moveCohort } from "@/lib/cohorts/move-cohort";
import { updateCohort } from "@/lib/cohorts/update-cohort";
import { getDb } from "@/lib/db/client";
import { evaluate } from "@/lib/domain/evaluate";
import { ConflictError, ForbiddenError } from "@/lib/errors/domain-errors";
import { loadEnvironmentSnapshot } from "@/lib/evaluation/environment-snapshot";
import { changeReleaseStatus } from "@/lib/releases/change-release-status";
import { setRollout } from "@/lib/releases/set-rollout";
import { updateRelease } from "@/lib/releases/update-release";
import { createTeamFixture, type TeamFixture } from "../support/fixtures";
import { scenario } from "../support/scenario";
import { auditCount, expectRefusedUnchanged, rejectionOf, storedRollout, teamState } from "../support/team-state";
import { describeEachProvider } from "../support/test-database";
import { accessOf } from "../support/team-access";

// Issue 10, point 4 (and 8, 12): every route that changes who gets a release goes through the
// approval policy — cohort edits, reorders and archives included — and four eyes compares people.

const STRICT = {
  cohortThresholdBasisPoints: 5000,
  defaultAboveZero: true,
  promote: true,
  criticalReleases: false,
  expiryMinutes: 60,
};

type Setup = { fx: TeamFixture; releaseId: string; slug: string; prod: string };

/** Production holds raises above 50%; "checkout" rolls there with nobody else exposed. */
async function team(): Promise<Setup> {
  const fx = await createTeamFixture();
  const slug = fx.team.slug;
  const release = await scenario(fx).release("checkout");
  await scenario(fx).command(release.id, "checkout", "production", "start");
  await setApprovalPolicy(fx.actors.admin, {
    teamSlug: slug,
    environmentKey: "production",
    expectedVersion: 0,
    ...STRICT,
  });
  return { fx, releaseId: release.id, slug, prod: fx.environments.production.id };
}

async function set(s: Setup, actor: Actor, cohorts: Record<string, number | null>, defaultBasisPoints = 0) {
  const { version } = await storedRollout(s.releaseId, s.prod);
  return setRollout(actor, {
    teamSlug: s.slug,
    releaseKey: "checkout",
    environmentKey: "production",
    expectedVersion: version,
    defaultBasisPoints,
    cohorts,
    comment: "go",
  });
}

/** What the evaluation API would answer in production right now, from the stored config. */
async function served(s: Setup, targetingKey: string) {
  const snapshot = await loadEnvironmentSnapshot(getDb(), s.prod);
  const result = evaluate(snapshot!.releases.get("checkout")!, snapshot!.cohorts, { targetingKey });
  return { value: result.value, cohort: result.cohortKey };
}

const cohortVersion = async (s: Setup, key: string) =>
  (await listCohorts(await accessOf(s.fx))).find((c) => c.key === key)!.version;

describeEachProvider("approval policy side doors", () => {
  let s: Setup;
  beforeEach(async () => {
    s = await team();
  });

  describe("cohort edits are rollout changes", () => {
    it("widening a 100% cohort after its request was approved is held, and serves nobody new until approved", async () => {
      await scenario(s.fx).keysCohort("vip", ["zz-1"]);
      const { pendingApproval } = await set(s, s.fx.actors.editor, { vip: 10000 });
      await approveChangeRequest(s.fx.actors.approver, { teamSlug: s.slug, id: pendingApproval!.id });
      expect(await served(s, "zz-1")).toEqual({ value: true, cohort: "vip" });

      const widen = {
        teamSlug: s.slug,
        cohortKey: "vip",
        expectedVersion: 1,
        name: "VIP",
        definition: {
          kind: "rules",
          conditions: [{ attribute: "targetingKey", operator: "startsWith", values: ["zz-"] }],
        },
        comment: "all zz users",
      };
      const before = await teamState(s.fx.team.id);
      const held = await updateCohort(s.fx.actors.editor, widen);
      expect(held.pendingApproval).toMatchObject({
        kind: "cohort_update",
        status: "pending",
        cohort: { key: "vip" },
        release: null,
        environment: null,
        reasons: [
          "Production: Release checkout: users moving to Cohort vip from everyone else (0%) would get 100% (above 50%)",
        ],
        comment: "all zz users",
      });
      expect(held.pendingApproval!.summary).toBe(
        "Edit cohort Cohort vip (renamed Cohort vip → VIP): targeting key is zz-1 → targeting key starts with zz-",
      );
      // Nothing changed for anyone: the cohort and every rollout are as they were.
      expect((await teamState(s.fx.team.id)).cohorts).toEqual(before.cohorts);
      expect(await served(s, "zz-77")).toEqual({ value: false, cohort: "default" });

      // The editor can't approve it; an approver applies it, and only then zz-77 gets the release.
      await expectRefusedUnchanged(
        s.fx.team.id,
        () => approveChangeRequest(s.fx.actors.editor, { teamSlug: s.slug, id: held.pendingApproval!.id }),
        ForbiddenError,
      );
      const approved = await approveChangeRequest(s.fx.actors.approver, {
        teamSlug: s.slug,
        id: held.pendingApproval!.id,
      });
      expect(approved.status).toBe("applied");
      expect(await served(s, "zz-77")).toEqual({ value: true, cohort: "vip" });
      expect(await auditCount(s.fx.team.id, "cohort.updated")).toBe(1);
    });

    it("narrowing, or widening where the release serves no more than elsewhere, applies directly", async () => {
      await scenario(s.fx).keysCohort("vip", ["zz-1", "zz-2"]);
      await set(s, s.fx.actors.editor, { vip: 3000 });
      const narrowed = await updateCohort(s.fx.actors.editor, {
        teamSlug: s.slug,
        cohortKey: "vip",
        expectedVersion: 1,
        name: "VIP",
        definition: { kind: "keys", targetingKeys: ["zz-1"] },
      });
      expect(narrowed).toEqual({ key: "vip", version: 2 });
      const widened = await updateCohort(s.fx.actors.editor, {
        teamSlug: s.slug,
        cohortKey: "vip",
        expectedVersion: 2,
        name: "VIP",
        definition: { kind: "keys", targetingKeys: ["zz-1", "zz-3"] },
      });
      expect(widened).toEqual({ key: "vip", version: 3 });
      expect(await getDb().changeRequest.count({ where: { teamId: s.fx.team.id, status: "pending" } })).toBe(0);
    });

    it("a pending request goes stale when a cohort it depends on changes", async () => {
      await scenario(s.fx).keysCohort("vip", ["zz-1"]);
      await scenario(s.fx).keysCohort("other", ["yy-1"]);
      const { pendingApproval } = await set(s, s.fx.actors.editor, { vip: 10000 });
      // Widening vip while it serves 0% needs no approval, but the 100% request was judged on
      // the one-user cohort: it goes stale in the same transaction, and approving it does nothing.
      const widened = await updateCohort(s.fx.actors.editor2, {
        teamSlug: s.slug,
        cohortKey: "vip",
        expectedVersion: 1,
        name: "VIP",
        definition: {
          kind: "rules",
          conditions: [{ attribute: "targetingKey", operator: "startsWith", values: ["zz-"] }],
        },
      });
      expect(widened.pendingApproval).toBeUndefined();
      const stale = await getDb().changeRequest.findUniqueOrThrow({ where: { id: pendingApproval!.id } });
      expect(stale.status).toBe("stale");
      expect(await auditCount(s.fx.team.id, "change_request.stale")).toBe(1);
      await expectRefusedUnchanged(
        s.fx.team.id,
        () => approveChangeRequest(s.fx.actors.approver, { teamSlug: s.slug, id: pendingApproval!.id }),
        ConflictError,
      );
      expect(await served(s, "zz-1")).toEqual({ value: false, cohort: "vip" });

      // A request touching the edited cohort goes stale; one touching only a cohort above it stays pending.
      const touched = await set(s, s.fx.actors.editor, { vip: 0, other: 9000 });
      await updateCohort(s.fx.actors.editor2, {
        teamSlug: s.slug,
        cohortKey: "other",
        expectedVersion: 1,
        name: "Other",
        definition: { kind: "keys", targetingKeys: ["yy-1", "yy-2"] },
      });
      expect(
        (await getDb().changeRequest.findUniqueOrThrow({ where: { id: touched.pendingApproval!.id } })).status,
      ).toBe("stale");
      const vipOnly = await set(s, s.fx.actors.editor, { vip: 9000 });
      await updateCohort(s.fx.actors.editor2, {
        teamSlug: s.slug,
        cohortKey: "other",
        expectedVersion: 2,
        name: "Other",
        definition: { kind: "keys", targetingKeys: ["yy-1"] },
      });
      expect(
        (await getDb().changeRequest.findUniqueOrThrow({ where: { id: vipOnly.pendingApproval!.id } })).status,
      ).toBe("pending");
    });

    it("a cohort request goes stale if the cohort is edited before approval", async () => {
      await scenario(s.fx).keysCohort("vip", ["zz-1"]);
      const { pendingApproval } = await set(s, s.fx.actors.editor, { vip: 10000 });
      await approveChangeRequest(s.fx.actors.approver, { teamSlug: s.slug, id: pendingApproval!.id });
      const held = await updateCohort(s.fx.actors.editor, {
        teamSlug: s.slug,
        cohortKey: "vip",
        expectedVersion: 1,
        name: "VIP",
        definition: { kind: "keys", targetingKeys: ["zz-1", "zz-2"] },
      });
      await updateCohort(s.fx.actors.editor2, {
        teamSlug: s.slug,
        cohortKey: "vip",
        expectedVersion: 1,
        name: "VIP renamed",
        definition: { kind: "keys", targetingKeys: ["zz-1"] },
      });
      const settled = await approveChangeRequest(s.fx.actors.approver, {
        teamSlug: s.slug,
        id: held.pendingApproval!.id,
      });
      expect(settled.status).toBe("stale");
      expect(await served(s, "zz-2")).toEqual({ value: false, cohort: "default" });
    });
  });

  describe("a cohort that matches everyone counts as everyone else", () => {
    it("a catch-all cohort at 50% is held like everyone else at 50%", async () => {
      await scenario(s.fx).rulesCohort("all", {
        kind: "rules",
        conditions: [{ attribute: "targetingKey", operator: "matches", values: [".*"] }],
      });
      const everyoneElse = await set(s, s.fx.actors.editor, {}, 5000);
      expect(everyoneElse.pendingApproval?.reasons).toEqual(["everyone else raised above 0% (to 50%)"]);
      const catchAll = await set(s, s.fx.actors.editor, { all: 5000 });
      expect(catchAll.pendingApproval?.reasons).toEqual([
        "Cohort all matches everyone, so it counts as everyone else: raised above 0% (to 50%)",
      ]);
      expect(catchAll.changed).toBe(false);
      expect(await served(s, "anyone")).toEqual({ value: false, cohort: "all" });
    });

    it("editing a cohort into one that matches everyone is judged as raising everyone else", async () => {
      await scenario(s.fx).keysCohort("vip", ["zz-1"]);
      await set(s, s.fx.actors.editor, { vip: 3000 });
      const everyone = {
        kind: "rules",
        conditions: [{ attribute: "targetingKey", operator: "matches", values: [".*"] }],
      };
      const held = await updateCohort(s.fx.actors.editor, {
        teamSlug: s.slug,
        cohortKey: "vip",
        expectedVersion: 1,
        name: "VIP",
        definition: everyone,
      });
      expect(held.pendingApproval?.reasons).toEqual([
        "Production: Release checkout: users moving to Cohort vip from everyone else (0%) would get 30% (Cohort vip matches everyone, so it counts as everyone else above 0%)",
      ]);
      expect(await served(s, "someone")).toEqual({ value: false, cohort: "default" });
    });

    it("starting a release with a catch-all cohort above 0% is held too", async () => {
      await scenario(s.fx).rulesCohort("all", {
        kind: "rules",
        conditions: [{ attribute: "targetingKey", operator: "notIn", values: ["nobody"] }],
      });
      const draft = await scenario(s.fx).release("draft-one");
      await setRollout(s.fx.actors.editor, {
        teamSlug: s.slug,
        releaseKey: "draft-one",
        environmentKey: "production",
        expectedVersion: 1,
        defaultBasisPoints: 0,
        cohorts: { all: 100 },
      });
      const start = await changeReleaseStatus(s.fx.actors.editor, {
        teamSlug: s.slug,
        releaseKey: "draft-one",
        environmentKey: "production",
        command: "start",
        expectedVersion: 2,
      });
      expect(start.pendingApproval?.reasons).toEqual([
        "Cohort all matches everyone, so it counts as everyone else: raised above 0% (to 1%)",
      ]);
      expect((await storedRollout(draft.id, s.prod)).status).toBe("draft");
    });
  });

  describe("reorder and archive", () => {
    it("moving a 100% cohort above a 0% one is held; the approved move applies", async () => {
      await scenario(s.fx).rulesCohort("mobile", {
        kind: "rules",
        conditions: [{ attribute: "platform", operator: "in", values: ["ios"] }],
      });
      await scenario(s.fx).rulesCohort("de", {
        kind: "rules",
        conditions: [{ attribute: "country", operator: "in", values: ["DE"] }],
      });
      const raised = await set(s, s.fx.actors.editor, { de: 10000 });
      await approveChangeRequest(s.fx.actors.approver, { teamSlug: s.slug, id: raised.pendingApproval!.id });
      const { pendingApproval } = await moveCohort(s.fx.actors.editor, {
        teamSlug: s.slug,
        cohortKey: "de",
        direction: "up",
      });
      expect(pendingApproval).toMatchObject({
        kind: "cohort_move",
        summary: "Move cohort Cohort de up (priority 2 → 1)",
      });
      expect(pendingApproval!.reasons).toEqual([
        "Production: Release checkout: users moving to Cohort de from Cohort mobile (0%) would get 100% (above 50%)",
      ]);
      expect((await listCohorts(await accessOf(s.fx))).map((c) => c.key)).toEqual(["mobile", "de"]);
      const snapshot = await loadEnvironmentSnapshot(getDb(), s.prod);
      expect(
        evaluate(snapshot!.releases.get("checkout")!, snapshot!.cohorts, {
          targetingKey: "u1",
          platform: "ios",
          country: "DE",
        }).cohortKey,
      ).toBe("mobile");
      await approveChangeRequest(s.fx.actors.approver, { teamSlug: s.slug, id: pendingApproval!.id });
      expect((await listCohorts(await accessOf(s.fx))).map((c) => c.key)).toEqual(["de", "mobile"]);
      // Moving it back only lowers: applies directly.
      expect(
        (await moveCohort(s.fx.actors.editor, { teamSlug: s.slug, cohortKey: "de", direction: "down" }))
          .pendingApproval,
      ).toBeUndefined();
    });

    it("archiving a cohort whose users fall to a higher percentage is held; otherwise it applies, keeping its percentages in the audit trail", async () => {
      await scenario(s.fx).keysCohort("holdouts", ["h-1"]);
      await scenario(s.fx).keysCohort("early", ["e-1"]);
      await set(s, s.fx.actors.editor, { holdouts: 0, early: 3000 });
      const raised = await set(s, s.fx.actors.editor, { holdouts: 0, early: 3000 }, 1000);
      await approveChangeRequest(s.fx.actors.approver, { teamSlug: s.slug, id: raised.pendingApproval!.id });

      const held = await archiveCohort(s.fx.actors.editor, {
        teamSlug: s.slug,
        cohortKey: "holdouts",
        expectedVersion: await cohortVersion(s, "holdouts"),
      });
      expect(held).toMatchObject({ archived: false, pendingApproval: { kind: "cohort_archive" } });
      expect(held.pendingApproval!.reasons).toEqual([
        "Production: Release checkout: users moving to everyone else from Cohort holdouts (0%) would get 10% (everyone else above 0%)",
      ]);

      const before = await storedRollout(s.releaseId, s.prod);
      const direct = await archiveCohort(s.fx.actors.editor, {
        teamSlug: s.slug,
        cohortKey: "early",
        expectedVersion: await cohortVersion(s, "early"),
      });
      expect(direct).toEqual({ archived: true });
      const after = await storedRollout(s.releaseId, s.prod);
      expect(after.cohorts).toEqual({ holdouts: 0 });
      expect(after.version).toBe(before.version + 1);
      expect(await served(s, "e-1")).toMatchObject({ cohort: "default" });
      const [event] = await getDb().auditEvent.findMany({ where: { teamId: s.fx.team.id, action: "cohort.archived" } });
      expect(JSON.parse(event!.before!)).toMatchObject({
        percentages: [{ release: "checkout", environment: "production", basisPoints: 3000 }],
      });

      // Restoring puts it last with no percentages of its own: nobody's answer changes.
      await restoreCohort(s.fx.actors.editor, { teamSlug: s.slug, cohortKey: "early" });
      expect((await listCohorts(await accessOf(s.fx))).map((c) => c.key)).toEqual(["holdouts", "early"]);
      expect((await storedRollout(s.releaseId, s.prod)).cohorts).toEqual({ holdouts: 0 });
    });
  });

  describe("four eyes through a key (point 8)", () => {
    it("the admin who created a key can't approve or reject what the key asked; another approver can", async () => {
      await scenario(s.fx).keysCohort("vip", ["zz-1"]);
      const created = await createAdminKey(s.fx.actors.admin, { teamSlug: s.slug, name: "ci", role: "editor" });
      const key: Actor = { type: "api_key", id: created.id, name: "ci (API key)" };
      const { pendingApproval } = await set(s, key, { vip: 9000 });
      expect(pendingApproval?.requesterUserId).toBe(s.fx.actors.admin.id);
      const refused = await rejectionOf(
        approveChangeRequest(s.fx.actors.admin, { teamSlug: s.slug, id: pendingApproval!.id }),
        ForbiddenError,
      );
      expect(refused.message).toMatch(/API key you created/);
      await expectRefusedUnchanged(
        s.fx.team.id,
        () => rejectChangeRequest(s.fx.actors.admin, { teamSlug: s.slug, id: pendingApproval!.id, comment: "no" }),
        ForbiddenError,
      );
      expect(
        (await approveChangeRequest(s.fx.actors.approver, { teamSlug: s.slug, id: pendingApproval!.id })).status,
      ).toBe("applied");
    });
  });

  describe("critical releases (point 12)", () => {
    it("pause, resume and restart wait for approval like lowering does; roll back never waits", async () => {
      await setApprovalPolicy(s.fx.actors.admin, {
        teamSlug: s.slug,
        environmentKey: "production",
        expectedVersion: 1,
        ...STRICT,
        criticalReleases: true,
      });
      await updateRelease(s.fx.actors.editor, {
        teamSlug: s.slug,
        releaseKey: "checkout",
        name: "Release checkout",
        critical: true,
      });
      const run = async (command: string) => {
        const { version } = await storedRollout(s.releaseId, s.prod);
        return changeReleaseStatus(s.fx.actors.editor, {
          teamSlug: s.slug,
          releaseKey: "checkout",
          environmentKey: "production",
          command,
          expectedVersion: version,
        });
      };
      const pause = await run("pause");
      expect(pause.pendingApproval).toMatchObject({
        kind: "pause",
        summary: "Pause the rollout",
        reasons: ["Changes to critical releases need approval here"],
      });
      expect((await storedRollout(s.releaseId, s.prod)).status).toBe("rolling");
      await approveChangeRequest(s.fx.actors.approver, { teamSlug: s.slug, id: pause.pendingApproval!.id });
      expect((await storedRollout(s.releaseId, s.prod)).status).toBe("paused");
      expect((await run("resume")).pendingApproval?.kind).toBe("resume");
      const rollback = await changeReleaseStatus(s.fx.actors.editor, {
        teamSlug: s.slug,
        releaseKey: "checkout",
        environmentKey: "production",
        command: "rollback",
      });
      expect(rollback.status).toBe("rolled_back");
      expect((await run("restart")).pendingApproval?.kind).toBe("restart");
    });
  });
});
