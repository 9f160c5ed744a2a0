import { beforeEach, describe, expect, it } from "vitest";
import { approveChangeRequest } from "@/lib/approvals/approve-change-request";
import { cancelChangeRequest } from "@/lib/approvals/cancel-change-request";
import { expireChangeRequests } from "@/lib/approvals/expire-change-requests";
import { listChangeRequests } from "@/lib/approvals/list-change-requests";
import { rejectChangeRequest } from "@/lib/approvals/reject-change-request";
import { setApprovalPolicy } from "@/lib/approvals/set-approval-policy";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors/domain-errors";
import { changeReleaseStatus } from "@/lib/releases/change-release-status";
import { setRollout } from "@/lib/releases/set-rollout";
import { updateRelease } from "@/lib/releases/update-release";
import { createTeamFixture, type TeamFixture } from "../support/fixtures";
import { scenario } from "../support/scenario";
import { auditCount, expectRefusedUnchanged, rejectionOf, storedRollout } from "../support/team-state";
import { describeEachProvider } from "../support/test-database";
import { accessOf } from "../support/team-access";

const STRICT = {
  cohortThresholdBasisPoints: 5000,
  defaultAboveZero: true,
  promote: true,
  criticalReleases: true,
  expiryMinutes: 60,
};

type Setup = { fx: TeamFixture; releaseId: string; envId: string; slug: string };

/** A team whose production needs approval above 50%, a release rolling there with beta at 10%. */
async function rollingWithPolicy(): Promise<Setup> {
  const fx = await createTeamFixture();
  const slug = fx.team.slug;
  const release = await scenario(fx).release("checkout");
  await scenario(fx).keysCohort("beta", ["alice"]);
  await scenario(fx).keysCohort("staff", ["sam"]);
  await setRollout(fx.actors.editor, {
    teamSlug: slug,
    releaseKey: "checkout",
    environmentKey: "production",
    expectedVersion: 1,
    defaultBasisPoints: 0,
    cohorts: { beta: 1000 },
  });
  await scenario(fx).command(release.id, "checkout", "production", "start");
  await setApprovalPolicy(fx.actors.admin, {
    teamSlug: slug,
    environmentKey: "production",
    expectedVersion: 0,
    ...STRICT,
  });
  return { fx, releaseId: release.id, envId: fx.environments.production.id, slug };
}

async function raise(s: Setup, actor: Actor, cohorts: Record<string, number | null>, defaultBasisPoints = 0) {
  const { version } = await storedRollout(s.releaseId, s.envId);
  return setRollout(actor, {
    teamSlug: s.slug,
    releaseKey: "checkout",
    environmentKey: "production",
    expectedVersion: version,
    defaultBasisPoints,
    cohorts,
    comment: "metrics look good",
  });
}

async function auditActions(teamId: string, prefix: string) {
  const events = await getDb().auditEvent.findMany({
    where: { teamId, action: { startsWith: prefix } },
    orderBy: { createdAt: "asc" },
  });
  return events.map((e) => [e.action, e.actorName]);
}

describeEachProvider("approvals", () => {
  let s: Setup;
  beforeEach(async () => {
    s = await rollingWithPolicy();
  });

  describe("requesting", () => {
    it("a raise past the threshold becomes a pending request and changes nothing in the rollout", async () => {
      const before = await storedRollout(s.releaseId, s.envId);
      const result = await raise(s, s.fx.actors.editor, { beta: 6000 });
      expect(result.changed).toBe(false);
      expect(result.pendingApproval).toMatchObject({
        status: "pending",
        kind: "set_rollout",
        summary: "beta 10% → 60%",
        reasons: ["Cohort beta raised above 50% (to 60%)"],
        comment: "metrics look good",
        requesterName: s.fx.actors.editor.name,
        changes: [{ key: "beta", from: 1000, to: 6000 }],
        release: { key: "checkout" },
        environment: { key: "production" },
      });
      expect(await storedRollout(s.releaseId, s.envId)).toEqual(before);
      expect(await auditCount(s.fx.team.id, "change_request.created")).toBe(1);
    });

    it("lowering and small raises apply directly; staging has no policy", async () => {
      expect((await raise(s, s.fx.actors.editor, { beta: 5000 })).changed).toBe(true);
      expect((await raise(s, s.fx.actors.editor, { beta: 200 })).changed).toBe(true);
      const staging = await setRollout(s.fx.actors.editor, {
        teamSlug: s.slug,
        releaseKey: "checkout",
        environmentKey: "staging",
        expectedVersion: 1,
        defaultBasisPoints: 10000,
        cohorts: {},
      });
      expect(staging.changed).toBe(true);
      expect(await getDb().changeRequest.count({ where: { teamId: s.fx.team.id } })).toBe(0);
    });

    it("even an admin's raise waits for someone else", async () => {
      const result = await raise(s, s.fx.actors.admin, {}, 100);
      expect(result.pendingApproval?.reasons).toEqual(["everyone else raised above 0% (to 1%)"]);
    });

    it("promoting and starting with high percentages wait for approval; roll back never does", async () => {
      const { version } = await storedRollout(s.releaseId, s.envId);
      const promote = await changeReleaseStatus(s.fx.actors.editor, {
        teamSlug: s.slug,
        releaseKey: "checkout",
        environmentKey: "production",
        command: "promote",
        expectedVersion: version,
      });
      expect(promote.pendingApproval).toMatchObject({ kind: "promote", summary: "Promote to everyone" });
      expect((await storedRollout(s.releaseId, s.envId)).status).toBe("rolling");

      await updateRelease(s.fx.actors.editor, {
        teamSlug: s.slug,
        releaseKey: "checkout",
        name: "Release checkout",
        critical: true,
      });
      const rolledBack = await changeReleaseStatus(s.fx.actors.editor, {
        teamSlug: s.slug,
        releaseKey: "checkout",
        environmentKey: "production",
        command: "rollback",
      });
      expect(rolledBack.status).toBe("rolled_back");
      expect(rolledBack.pendingApproval).toBeUndefined();
    });

    it("a draft's edits apply directly, and starting it is judged from 0%", async () => {
      const draft = await scenario(s.fx).release("draft-one");
      await setRollout(s.fx.actors.editor, {
        teamSlug: s.slug,
        releaseKey: "draft-one",
        environmentKey: "production",
        expectedVersion: 1,
        defaultBasisPoints: 0,
        cohorts: { beta: 9000 },
      });
      const start = await changeReleaseStatus(s.fx.actors.editor, {
        teamSlug: s.slug,
        releaseKey: "draft-one",
        environmentKey: "production",
        command: "start",
        expectedVersion: 2,
      });
      expect(start.pendingApproval?.reasons).toEqual(["Cohort beta raised above 50% (to 90%)"]);
      expect((await storedRollout(draft.id, s.envId)).status).toBe("draft");
    });

    it("every change to a critical release waits, even lowering; unmarking it is for admins", async () => {
      await updateRelease(s.fx.actors.editor, {
        teamSlug: s.slug,
        releaseKey: "checkout",
        name: "Release checkout",
        critical: true,
      });
      expect((await raise(s, s.fx.actors.editor, { beta: 500 })).pendingApproval?.reasons).toEqual([
        "Changes to critical releases need approval here",
      ]);
      await expectRefusedUnchanged(
        s.fx.team.id,
        () =>
          updateRelease(s.fx.actors.editor, {
            teamSlug: s.slug,
            releaseKey: "checkout",
            name: "Release checkout",
            critical: false,
          }),
        ForbiddenError,
      );
      await updateRelease(s.fx.actors.admin, {
        teamSlug: s.slug,
        releaseKey: "checkout",
        name: "Release checkout",
        critical: false,
      });
      expect((await raise(s, s.fx.actors.editor, { beta: 500 })).changed).toBe(true);
    });
  });

  describe("approving", () => {
    it("an approver applies the request atomically; the audit trail shows both people", async () => {
      const { pendingApproval } = await raise(s, s.fx.actors.editor, { beta: 6000, staff: 7000 });
      const before = await storedRollout(s.releaseId, s.envId);
      const approved = await approveChangeRequest(s.fx.actors.approver, {
        teamSlug: s.slug,
        id: pendingApproval!.id,
        comment: "go",
      });
      expect(approved).toMatchObject({
        status: "applied",
        reviewerName: s.fx.actors.approver.name,
        reviewComment: "go",
      });
      const after = await storedRollout(s.releaseId, s.envId);
      expect(after).toMatchObject({
        version: before.version + 1,
        cohorts: { beta: 6000, staff: 7000 },
        updatedByName: s.fx.actors.approver.name,
      });
      expect(await auditActions(s.fx.team.id, "change_request.")).toEqual([
        ["change_request.created", s.fx.actors.editor.name],
        ["change_request.approved", s.fx.actors.approver.name],
        ["change_request.applied", s.fx.actors.approver.name],
      ]);
      const applied = await getDb().auditEvent.findFirstOrThrow({
        where: { teamId: s.fx.team.id, action: "rollout.percentages_set" },
        orderBy: { createdAt: "desc" },
      });
      expect(applied.summary).toBe(
        `Set beta 10% → 60%, staff default → 70% in Production — requested by ${s.fx.actors.editor.name}, approved by ${s.fx.actors.approver.name}`,
      );
    });

    it("an approved promotion promotes", async () => {
      const { version } = await storedRollout(s.releaseId, s.envId);
      const { pendingApproval } = await changeReleaseStatus(s.fx.actors.editor, {
        teamSlug: s.slug,
        releaseKey: "checkout",
        environmentKey: "production",
        command: "promote",
        expectedVersion: version,
      });
      await approveChangeRequest(s.fx.actors.admin, { teamSlug: s.slug, id: pendingApproval!.id });
      expect((await storedRollout(s.releaseId, s.envId)).status).toBe("promoted");
    });

    it("nobody approves their own request, whatever their role (four-eyes)", async () => {
      for (const actor of [s.fx.actors.approver, s.fx.actors.admin]) {
        const { pendingApproval } = await raise(s, actor, { beta: 9000 });
        const error = await expectRefusedUnchanged(
          s.fx.team.id,
          () => approveChangeRequest(actor, { teamSlug: s.slug, id: pendingApproval!.id }),
          ForbiddenError,
        );
        expect(error.message).toMatch(/someone else/);
        await expectRefusedUnchanged(
          s.fx.team.id,
          () => rejectChangeRequest(actor, { teamSlug: s.slug, id: pendingApproval!.id, comment: "no" }),
          ForbiddenError,
        );
      }
    });

    it("viewers and editors can't approve or reject; another team's member doesn't find the request", async () => {
      const { pendingApproval } = await raise(s, s.fx.actors.editor, { beta: 9000 });
      const id = pendingApproval!.id;
      for (const actor of [s.fx.actors.viewer, s.fx.actors.editor2]) {
        await expectRefusedUnchanged(
          s.fx.team.id,
          () => approveChangeRequest(actor, { teamSlug: s.slug, id }),
          ForbiddenError,
        );
        await expectRefusedUnchanged(
          s.fx.team.id,
          () => rejectChangeRequest(actor, { teamSlug: s.slug, id, comment: "no" }),
          ForbiddenError,
        );
      }
      await expectRefusedUnchanged(
        s.fx.team.id,
        () => approveChangeRequest(s.fx.actors.outsider, { teamSlug: s.slug, id }),
        NotFoundError,
      );
      // The outsider is admin of their own team: the id still isn't found there.
      const other = await getDb().team.findUniqueOrThrow({ where: { id: s.fx.otherTeam.id } });
      await expectRefusedUnchanged(
        s.fx.team.id,
        () => approveChangeRequest(s.fx.actors.outsider, { teamSlug: other.slug, id }),
        NotFoundError,
      );
    });

    it("a request for a release that moved on becomes stale and applies nothing", async () => {
      const { pendingApproval } = await raise(s, s.fx.actors.editor, { beta: 9000 });
      await raise(s, s.fx.actors.editor2, { staff: 100 });
      const moved = await storedRollout(s.releaseId, s.envId);
      const result = await approveChangeRequest(s.fx.actors.approver, { teamSlug: s.slug, id: pendingApproval!.id });
      expect(result.status).toBe("stale");
      expect(await storedRollout(s.releaseId, s.envId)).toEqual(moved);
      expect(await auditCount(s.fx.team.id, "change_request.stale")).toBe(1);
      await rejectionOf(
        approveChangeRequest(s.fx.actors.approver, { teamSlug: s.slug, id: pendingApproval!.id }),
        ConflictError,
      );
    });

    it("two approvers at once: exactly one applies", async () => {
      const { pendingApproval } = await raise(s, s.fx.actors.editor, { beta: 9000 });
      const outcomes = await Promise.allSettled([
        approveChangeRequest(s.fx.actors.approver, { teamSlug: s.slug, id: pendingApproval!.id }),
        approveChangeRequest(s.fx.actors.admin, { teamSlug: s.slug, id: pendingApproval!.id }),
      ]);
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
      expect(await auditCount(s.fx.team.id, "change_request.applied")).toBe(1);
      expect((await storedRollout(s.releaseId, s.envId)).cohorts.beta).toBe(9000);
    });
  });

  describe("rejecting, cancelling, expiring", () => {
    it("a rejection needs a reason and ends the request", async () => {
      const { pendingApproval } = await raise(s, s.fx.actors.editor, { beta: 9000 });
      const id = pendingApproval!.id;
      const error = await expectRefusedUnchanged(
        s.fx.team.id,
        () => rejectChangeRequest(s.fx.actors.approver, { teamSlug: s.slug, id, comment: " " }),
        ValidationError,
      );
      expect(error.fieldErrors).toHaveProperty("comment");
      expect(
        await rejectChangeRequest(s.fx.actors.approver, { teamSlug: s.slug, id, comment: "error rate is up" }),
      ).toMatchObject({ status: "rejected", reviewComment: "error rate is up" });
      await expectRefusedUnchanged(
        s.fx.team.id,
        () => approveChangeRequest(s.fx.actors.admin, { teamSlug: s.slug, id }),
        ConflictError,
      );
    });

    it("the requester or an admin cancels; another editor can't", async () => {
      const first = (await raise(s, s.fx.actors.editor, { beta: 9000 })).pendingApproval!;
      await expectRefusedUnchanged(
        s.fx.team.id,
        () => cancelChangeRequest(s.fx.actors.editor2, { teamSlug: s.slug, id: first.id }),
        ForbiddenError,
      );
      expect((await cancelChangeRequest(s.fx.actors.editor, { teamSlug: s.slug, id: first.id })).status).toBe(
        "cancelled",
      );
      const second = (await raise(s, s.fx.actors.editor, { beta: 9000 })).pendingApproval!;
      expect((await cancelChangeRequest(s.fx.actors.admin, { teamSlug: s.slug, id: second.id })).status).toBe(
        "cancelled",
      );
    });

    it("roll back cancels every pending request for that release and environment", async () => {
      await raise(s, s.fx.actors.editor, { beta: 9000 });
      await raise(s, s.fx.actors.editor2, {}, 100);
      await changeReleaseStatus(s.fx.actors.editor, {
        teamSlug: s.slug,
        releaseKey: "checkout",
        environmentKey: "production",
        command: "rollback",
      });
      const statuses = await getDb().changeRequest.findMany({
        where: { teamId: s.fx.team.id },
        select: { status: true, reviewComment: true },
      });
      expect(statuses).toEqual([
        { status: "cancelled", reviewComment: "cancelled by roll back" },
        { status: "cancelled", reviewComment: "cancelled by roll back" },
      ]);
      expect(await auditCount(s.fx.team.id, "change_request.cancelled")).toBe(2);
    });

    it("requests past their time expire (audited), and an expired one can't be approved into effect", async () => {
      const { pendingApproval } = await raise(s, s.fx.actors.editor, { beta: 9000 });
      const later = await raise(s, s.fx.actors.editor2, {}, 100);
      expect(await expireChangeRequests({ teamId: s.fx.team.id, now: new Date(Date.now() + 30 * 60_000) })).toBe(0);
      expect(await expireChangeRequests({ teamId: s.fx.team.id, now: new Date(Date.now() + 61 * 60_000) })).toBe(2);
      const expired = await getDb().changeRequest.findUniqueOrThrow({ where: { id: pendingApproval!.id } });
      expect(expired.status).toBe("expired");
      expect(await auditActions(s.fx.team.id, "change_request.expired")).toEqual([
        ["change_request.expired", "system:approvals"],
        ["change_request.expired", "system:approvals"],
      ]);
      expect(later.pendingApproval).toBeDefined();

      const third = (await raise(s, s.fx.actors.editor, { beta: 9000 })).pendingApproval!;
      await getDb().changeRequest.update({ where: { id: third.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
      const before = await storedRollout(s.releaseId, s.envId);
      expect((await approveChangeRequest(s.fx.actors.approver, { teamSlug: s.slug, id: third.id })).status).toBe(
        "expired",
      );
      expect(await storedRollout(s.releaseId, s.envId)).toEqual(before);
    });

    it("the list shows pending oldest first and recently decided", async () => {
      const a = (await raise(s, s.fx.actors.editor, { beta: 9000 })).pendingApproval!;
      const b = (await raise(s, s.fx.actors.editor2, { staff: 9000 })).pendingApproval!;
      await rejectChangeRequest(s.fx.actors.approver, { teamSlug: s.slug, id: a.id, comment: "not yet" });
      const list = await listChangeRequests(await accessOf(s.fx));
      expect(list.pending.map((r) => r.id)).toEqual([b.id]);
      expect(list.decided.map((r) => [r.id, r.status])).toEqual([[a.id, "rejected"]]);
      expect(list.pending[0]!.changes).toEqual([{ key: "staff", name: "Cohort staff", from: null, to: 9000 }]);
    });
  });

  describe("policy", () => {
    it("only admins set it; a stale edit is refused; bad input names the field", async () => {
      const input = { teamSlug: s.slug, environmentKey: "staging", expectedVersion: 0, ...STRICT };
      for (const actor of [s.fx.actors.viewer, s.fx.actors.editor, s.fx.actors.approver]) {
        await expectRefusedUnchanged(s.fx.team.id, () => setApprovalPolicy(actor, input), ForbiddenError);
      }
      await expectRefusedUnchanged(s.fx.team.id, () => setApprovalPolicy(s.fx.actors.outsider, input), NotFoundError);
      const bad = await expectRefusedUnchanged(
        s.fx.team.id,
        () => setApprovalPolicy(s.fx.actors.admin, { ...input, expiryMinutes: 1 }),
        ValidationError,
      );
      expect(bad.fieldErrors).toHaveProperty("expiryMinutes");
      await expectRefusedUnchanged(
        s.fx.team.id,
        () => setApprovalPolicy(s.fx.actors.admin, { ...input, environmentKey: "production" }),
        ConflictError,
      );
      const saved = await setApprovalPolicy(s.fx.actors.admin, input);
      expect(saved).toMatchObject({ version: 1, cohortThresholdBasisPoints: 5000 });
      expect(await auditCount(s.fx.team.id, "approval_policy.updated")).toBe(2);
    });

    it("an automation key's request is approved by a person", async () => {
      const key = await getDb().apiKey.create({
        data: {
          teamId: s.fx.team.id,
          kind: "admin",
          role: "editor",
          name: "ci",
          prefix: "gp_admin_x…",
          hash: `h-${s.slug}`,
          createdByName: "test",
        },
      });
      const ci: Actor = { type: "api_key", id: key.id, name: "API key ci" };
      const { pendingApproval } = await raise(s, ci, { beta: 9000 });
      expect(pendingApproval?.requesterName).toBe("API key ci");
      expect(
        (await approveChangeRequest(s.fx.actors.approver, { teamSlug: s.slug, id: pendingApproval!.id })).status,
      ).toBe("applied");
      // Keys can't approve anything: approvals need sign-in.
      const viewerKey = await getDb().apiKey.create({
        data: {
          teamId: s.fx.team.id,
          kind: "admin",
          role: "viewer",
          name: "ro",
          prefix: "gp_admin_y…",
          hash: `v-${s.slug}`,
          createdByName: "test",
        },
      });
      await expectRefusedUnchanged(
        s.fx.team.id,
        () => raise(s, { type: "api_key", id: viewerKey.id, name: "ro" }, { beta: 100 }),
        ForbiddenError,
      );
    });
  });
});
