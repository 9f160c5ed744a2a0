import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { linkOidcUser } from "@/lib/auth/link-oidc-user";
import { getDb } from "@/lib/db/client";
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
} from "@/lib/errors/domain-errors";
import { addMember } from "@/lib/members/add-member";
import { changeMemberRole } from "@/lib/members/change-member-role";
import { listTeamMembers } from "@/lib/members/list-team-members";
import { removeMember } from "@/lib/members/remove-member";
import { setApprovalPolicy } from "@/lib/approvals/set-approval-policy";
import { setRollout } from "@/lib/releases/set-rollout";
import { getTeamContext } from "@/lib/auth/get-team-context";
import { createTeamFixture, type TeamFixture, type UserActor } from "../support/fixtures";
import { scenario } from "../support/scenario";
import { auditCount, expectRefusedUnchanged, rejectionOf, storedRollout } from "../support/team-state";
import { describeEachProvider } from "../support/test-database";
import { accessOf } from "../support/team-access";

type ErrorClass<E> = abstract new (...args: never[]) => E;

/** Memberships and users as stored, so "nothing changed" covers who is in the team too. */
async function membersState(teamId: string) {
  const db = getDb();
  const [memberships, users] = await Promise.all([
    db.membership.findMany({ where: { teamId }, orderBy: { id: "asc" } }),
    db.user.findMany({ orderBy: { id: "asc" } }),
  ]);
  return { memberships, users };
}

async function expectMembersUnchanged<E extends Error>(
  fx: TeamFixture,
  call: () => Promise<unknown>,
  type: ErrorClass<E>,
): Promise<E> {
  const before = await membersState(fx.team.id);
  const error = await expectRefusedUnchanged(fx.team.id, call, type);
  expect(await membersState(fx.team.id)).toEqual(before);
  return error;
}

async function membershipOf(fx: TeamFixture, actor: UserActor) {
  return getDb().membership.findFirstOrThrow({ where: { teamId: fx.team.id, userId: actor.id } });
}

async function adminCount(teamId: string) {
  return getDb().membership.count({ where: { teamId, role: "admin" } });
}

async function lastAuditEvent(teamId: string, action: string) {
  const event = await getDb().auditEvent.findFirstOrThrow({
    where: { teamId, action },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return {
    ...event,
    before: event.before ? (JSON.parse(event.before) as unknown) : null,
    after: event.after ? (JSON.parse(event.after) as unknown) : null,
  };
}

/** Makes the approver a second admin, through the use case. */
async function secondAdmin(fx: TeamFixture) {
  const approver = await membershipOf(fx, fx.actors.approver);
  await changeMemberRole(fx.actors.admin, {
    teamSlug: fx.team.slug,
    membershipId: approver.id,
    role: "admin",
    expectedRole: "approver",
  });
  return fx.actors.approver;
}

describeEachProvider("members", () => {
  describe("admin changes", () => {
    let fx: TeamFixture;
    let teamSlug: string;
    beforeEach(async () => {
      fx = await createTeamFixture();
      teamSlug = fx.team.slug;
    });

    it("adds someone who never signed in: a user row with the email lowercased and a name from it; their first sign-in links to it", async () => {
      const email = `Zoe.Van-Dyke.${fx.team.id}@Example.TEST`;
      const added = await addMember(fx.actors.admin, { teamSlug, email: `  ${email} `, role: "editor" });
      expect(added).toMatchObject({
        email: email.toLowerCase(),
        name: expect.stringMatching(/^Zoe Van Dyke /),
        role: "editor",
        createdUser: true,
      });
      const user = await getDb().user.findUniqueOrThrow({ where: { email: email.toLowerCase() } });
      expect(user.id).toBe(added.userId);

      const event = await lastAuditEvent(fx.team.id, "member.added");
      expect(event).toMatchObject({
        actorId: fx.actors.admin.id,
        after: { email: email.toLowerCase(), role: "editor" },
      });
      expect(event.summary).toContain("as editor");

      // First sign-in through the identity provider, with the email in any case.
      const linked = await linkOidcUser({ subject: `sub-${fx.team.id}`, email, name: "Zoe from the IdP" });
      expect(linked.id).toBe(added.userId);
      const context = await getTeamContext({ type: "user", id: linked.id, name: linked.name }, teamSlug);
      expect(context.access.role).toBe("editor");
    });

    it("adds an existing user (a member of another team) under their own name, whatever name is typed", async () => {
      const outsider = await getDb().user.findUniqueOrThrow({ where: { id: fx.actors.outsider.id } });
      const added = await addMember(fx.actors.admin, {
        teamSlug,
        email: outsider.email.toUpperCase(),
        name: "Someone Else",
        role: "viewer",
      });
      expect(added).toMatchObject({ userId: outsider.id, name: outsider.name, createdUser: false });
      expect((await getTeamContext(fx.actors.outsider, teamSlug)).access.role).toBe("viewer");
    });

    it("uses the name given for a new user", async () => {
      const added = await addMember(fx.actors.admin, {
        teamSlug,
        email: `q.${fx.team.id}@example.test`,
        name: "  Quinn Q  ",
        role: "approver",
      });
      expect(added.name).toBe("Quinn Q");
    });

    it("an existing member is a field error on email, and nothing changes", async () => {
      const editor = await getDb().user.findUniqueOrThrow({ where: { id: fx.actors.editor.id } });
      const error = await expectMembersUnchanged(
        fx,
        () => addMember(fx.actors.admin, { teamSlug, email: editor.email, role: "admin" }),
        ValidationError,
      );
      expect(Object.keys(error.fieldErrors)).toEqual(["email"]);
      expect(error.fieldErrors.email?.[0]).toContain("already a member, as editor");
    });

    it.each([
      [{ email: "not-an-email", role: "viewer" }, "email", /email address/],
      [{ email: "", role: "viewer" }, "email", /required/],
      [{ email: "a@b.test", role: "owner" }, "role", /viewer, editor, approver, admin/],
      [{ email: "a@b.test" }, "role", /Role/],
      [{ email: "a@b.test", role: "viewer", name: "x".repeat(81) }, "name", /80/],
    ])("bad input %j names the field (%s)", async (input, field, message) => {
      const error = await expectMembersUnchanged(
        fx,
        () => addMember(fx.actors.admin, { teamSlug, ...input }),
        ValidationError,
      );
      expect(Object.keys(error.fieldErrors)).toEqual([field]);
      expect(error.fieldErrors[field]?.join()).toMatch(message);
    });

    it("changes a role with before/after in the audit log; the member's next action is authorised with the new role", async () => {
      const release = await scenario(fx).release("guarded");
      const membership = await membershipOf(fx, fx.actors.editor);
      const result = await changeMemberRole(fx.actors.admin, {
        teamSlug,
        membershipId: membership.id,
        role: "viewer",
        expectedRole: "editor",
      });
      expect(result).toMatchObject({ before: "editor", role: "viewer" });
      expect((await membershipOf(fx, fx.actors.editor)).role).toBe("viewer");
      const event = await lastAuditEvent(fx.team.id, "member.role_changed");
      expect(event).toMatchObject({
        before: { role: "editor" },
        after: { role: "viewer" },
        actorName: fx.actors.admin.name,
      });
      expect(event.summary).toContain("editor → viewer");

      const error = await expectRefusedUnchanged(
        fx.team.id,
        () =>
          setRollout(fx.actors.editor, {
            teamSlug,
            releaseKey: release.key,
            environmentKey: "production",
            expectedVersion: 1,
            defaultBasisPoints: 500,
            cohorts: {},
          }),
        ForbiddenError,
      );
      expect(error.message).toMatch(/You are a viewer/);
    });

    it("a promoted member can administer at once", async () => {
      const membership = await membershipOf(fx, fx.actors.viewer);
      await changeMemberRole(fx.actors.admin, {
        teamSlug,
        membershipId: membership.id,
        role: "admin",
        expectedRole: "viewer",
      });
      await expect(
        addMember(fx.actors.viewer, { teamSlug, email: `new.${fx.team.id}@example.test`, role: "viewer" }),
      ).resolves.toBeDefined();
    });

    it("setting the role it already has changes nothing and writes no event", async () => {
      const membership = await membershipOf(fx, fx.actors.editor);
      const events = await auditCount(fx.team.id);
      await changeMemberRole(fx.actors.admin, {
        teamSlug,
        membershipId: membership.id,
        role: "editor",
        expectedRole: "editor",
      });
      expect(await auditCount(fx.team.id)).toBe(events);
    });

    it("a role that changed since the admin looked is a ConflictError with the current role, and nothing changes", async () => {
      const membership = await membershipOf(fx, fx.actors.editor);
      const error = await expectMembersUnchanged(
        fx,
        () =>
          changeMemberRole(fx.actors.admin, {
            teamSlug,
            membershipId: membership.id,
            role: "admin",
            expectedRole: "viewer",
          }),
        ConflictError,
      );
      expect(error.message).toMatch(/changed to editor by someone else/);
      expect(error.current).toEqual({ role: "editor" });
    });

    it("removes a member: gone from the list, refused afterwards, audit event with what they were", async () => {
      const membership = await membershipOf(fx, fx.actors.editor);
      await removeMember(fx.actors.admin, { teamSlug, membershipId: membership.id });
      const { members } = await listTeamMembers(await accessOf(fx, "admin"));
      expect(members.map((m) => m.userId)).not.toContain(fx.actors.editor.id);
      await rejectionOf(getTeamContext(fx.actors.editor, teamSlug), NotFoundError);
      // The user row stays: audit events and other teams refer to it.
      expect(await getDb().user.count({ where: { id: fx.actors.editor.id } })).toBe(1);
      const event = await lastAuditEvent(fx.team.id, "member.removed");
      expect(event).toMatchObject({ before: { role: "editor", name: fx.actors.editor.name }, after: null });
    });

    it("removing a release owner leaves their releases without an owner, each with an audit event", async () => {
      await getDb().release.create({
        data: { teamId: fx.team.id, key: "owned", name: "Owned", salt: "owned", ownerId: fx.actors.editor.id },
      });
      const membership = await membershipOf(fx, fx.actors.editor);
      expect(
        (await listTeamMembers(await accessOf(fx, "admin"))).members.find((m) => m.userId === fx.actors.editor.id)
          ?.ownedReleases,
      ).toBe(1);
      const result = await removeMember(fx.actors.admin, { teamSlug, membershipId: membership.id });
      expect(result.releasesWithoutOwner).toEqual(["owned"]);
      expect(
        (await getDb().release.findFirstOrThrow({ where: { teamId: fx.team.id, key: "owned" } })).ownerId,
      ).toBeNull();
      expect(await lastAuditEvent(fx.team.id, "release.updated")).toMatchObject({
        before: { owner: fx.actors.editor.name },
        after: { owner: null },
      });
    });

    it("an admin who is not the last may remove themselves, and loses access", async () => {
      const other = await secondAdmin(fx);
      const mine = await membershipOf(fx, fx.actors.admin);
      const result = await removeMember(fx.actors.admin, { teamSlug, membershipId: mine.id });
      expect(result.self).toBe(true);
      expect((await lastAuditEvent(fx.team.id, "member.removed")).summary).toMatch(/left the team/);
      await rejectionOf(
        addMember(fx.actors.admin, { teamSlug, email: `x.${fx.team.id}@example.test`, role: "viewer" }),
        NotFoundError,
      );
      expect((await getTeamContext(other, teamSlug)).access.role).toBe("admin");
    });

    it("an admin may demote themselves when another admin remains", async () => {
      await secondAdmin(fx);
      const mine = await membershipOf(fx, fx.actors.admin);
      await changeMemberRole(fx.actors.admin, {
        teamSlug,
        membershipId: mine.id,
        role: "editor",
        expectedRole: "admin",
      });
      expect((await lastAuditEvent(fx.team.id, "member.role_changed")).summary).toContain(
        "their own role: admin → editor",
      );
      await rejectionOf(removeMember(fx.actors.admin, { teamSlug, membershipId: mine.id }), ForbiddenError);
    });
  });

  describe("their pending change requests", () => {
    /** A rolling release in production under a 50% threshold, and a raise by editor that waits. */
    async function pendingRaiseBy(fx: TeamFixture, requester: UserActor) {
      const release = await scenario(fx).release("held");
      await scenario(fx).keysCohort("beta", ["alice"]);
      await scenario(fx).command(release.id, "held", "production", "start");
      await setApprovalPolicy(fx.actors.admin, {
        teamSlug: fx.team.slug,
        environmentKey: "production",
        expectedVersion: 0,
        cohortThresholdBasisPoints: 5000,
        defaultAboveZero: true,
        promote: true,
        criticalReleases: true,
        expiryMinutes: 60,
      });
      const rollout = await storedRollout(release.id, fx.environments.production.id);
      const result = await setRollout(requester, {
        teamSlug: fx.team.slug,
        releaseKey: "held",
        environmentKey: "production",
        expectedVersion: rollout.version,
        defaultBasisPoints: 0,
        cohorts: { beta: 9000 },
      });
      expect(result.pendingApproval?.status).toBe("pending");
      return result.pendingApproval!.id;
    }

    async function statusOf(id: string) {
      return (await getDb().changeRequest.findUniqueOrThrow({ where: { id } })).status;
    }

    it("are counted on the member list, and cancelled when the requester is removed", async () => {
      const fx = await createTeamFixture();
      const id = await pendingRaiseBy(fx, fx.actors.editor);
      const { members } = await listTeamMembers(await accessOf(fx, "admin"));
      expect(members.find((m) => m.userId === fx.actors.editor.id)?.pendingRequests).toBe(1);
      expect(members.find((m) => m.userId === fx.actors.editor2.id)?.pendingRequests).toBe(0);
      const result = await removeMember(fx.actors.admin, {
        teamSlug: fx.team.slug,
        membershipId: (await membershipOf(fx, fx.actors.editor)).id,
      });
      expect(result.cancelledRequests).toBe(1);
      expect(await statusOf(id)).toBe("cancelled");
      const event = await getDb().auditEvent.findFirstOrThrow({
        where: { teamId: fx.team.id, action: "change_request.cancelled" },
      });
      expect(event.actorName).toBe(fx.actors.admin.name);
      expect(event.summary).toContain("left the team");
    });

    it("are cancelled when the requester is made viewer, and kept on other role changes", async () => {
      const fx = await createTeamFixture();
      const id = await pendingRaiseBy(fx, fx.actors.editor);
      const membership = await membershipOf(fx, fx.actors.editor);
      const promoted = await changeMemberRole(fx.actors.admin, {
        teamSlug: fx.team.slug,
        membershipId: membership.id,
        role: "approver",
        expectedRole: "editor",
      });
      expect(promoted.cancelledRequests).toBe(0);
      expect(await statusOf(id)).toBe("pending");
      const demoted = await changeMemberRole(fx.actors.admin, {
        teamSlug: fx.team.slug,
        membershipId: membership.id,
        role: "viewer",
        expectedRole: "approver",
      });
      expect(demoted.cancelledRequests).toBe(1);
      expect(await statusOf(id)).toBe("cancelled");
      expect(await auditCount(fx.team.id, "change_request.cancelled")).toBe(1);
    });
  });

  describe("the last admin", () => {
    let fx: TeamFixture;
    beforeAll(async () => {
      fx = await createTeamFixture();
    });

    it("can't demote themselves", async () => {
      const mine = await membershipOf(fx, fx.actors.admin);
      for (const role of ["approver", "editor", "viewer"] as const) {
        const error = await expectMembersUnchanged(
          fx,
          () =>
            changeMemberRole(fx.actors.admin, {
              teamSlug: fx.team.slug,
              membershipId: mine.id,
              role,
              expectedRole: "admin",
            }),
          ConflictError,
        );
        expect(error.message).toMatch(/You are the team's only admin/);
      }
    });

    it("can't remove themselves", async () => {
      const mine = await membershipOf(fx, fx.actors.admin);
      const error = await expectMembersUnchanged(
        fx,
        () => removeMember(fx.actors.admin, { teamSlug: fx.team.slug, membershipId: mine.id }),
        ConflictError,
      );
      expect(error.message).toMatch(/only admin/);
    });

    it("two admins demoting each other at the same time leave at least one admin", async () => {
      for (let round = 0; round < 4; round++) {
        const team = await createTeamFixture();
        const b = await secondAdmin(team);
        const a = team.actors.admin;
        const [ma, mb] = await Promise.all([membershipOf(team, a), membershipOf(team, b)]);
        const outcomes = await Promise.allSettled([
          changeMemberRole(a, { teamSlug: team.team.slug, membershipId: mb.id, role: "viewer", expectedRole: "admin" }),
          changeMemberRole(b, { teamSlug: team.team.slug, membershipId: ma.id, role: "viewer", expectedRole: "admin" }),
        ]);
        expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
        // The loser was demoted a moment before (Forbidden) or would remove the last admin (Conflict).
        const loser = outcomes.find((o) => o.status === "rejected");
        expect([ForbiddenError, ConflictError].some((type) => loser?.reason instanceof type)).toBe(true);
        expect(await adminCount(team.team.id)).toBe(1);
        expect(await auditCount(team.team.id, "member.role_changed")).toBe(2);
      }
    });

    it("the last two admins removing themselves at the same time leave one", async () => {
      for (let round = 0; round < 4; round++) {
        const team = await createTeamFixture();
        const b = await secondAdmin(team);
        const a = team.actors.admin;
        const [ma, mb] = await Promise.all([membershipOf(team, a), membershipOf(team, b)]);
        const outcomes = await Promise.allSettled([
          removeMember(a, { teamSlug: team.team.slug, membershipId: ma.id }),
          removeMember(b, { teamSlug: team.team.slug, membershipId: mb.id }),
        ]);
        expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
        expect(outcomes.find((o) => o.status === "rejected")?.reason).toBeInstanceOf(ConflictError);
        expect(await adminCount(team.team.id)).toBe(1);
      }
    });
  });

  describe("refusals change nothing", () => {
    let fx: TeamFixture;
    let calls: [string, (actor: Actor | null) => Promise<unknown>][];
    beforeAll(async () => {
      fx = await createTeamFixture();
      const editor = await membershipOf(fx, fx.actors.editor);
      const teamSlug = fx.team.slug;
      calls = [
        ["addMember", (a) => addMember(a, { teamSlug, email: `new.${fx.team.id}@example.test`, role: "admin" })],
        [
          "changeMemberRole",
          (a) => changeMemberRole(a, { teamSlug, membershipId: editor.id, role: "admin", expectedRole: "editor" }),
        ],
        ["removeMember", (a) => removeMember(a, { teamSlug, membershipId: editor.id })],
      ];
    });

    it.each(["viewer", "editor", "approver"] as const)(
      "a %s can't add, change or remove members (ForbiddenError)",
      async (role) => {
        for (const [, call] of calls) {
          const error = await expectMembersUnchanged(fx, () => call(fx.actors[role]), ForbiddenError);
          expect(error.message).toContain(`You are a ${role}`);
        }
      },
    );

    it("a member of another team gets NotFoundError and learns nothing", async () => {
      for (const [, call] of calls) {
        const error = await expectMembersUnchanged(fx, () => call(fx.actors.outsider), NotFoundError);
        expect(error.message).not.toContain(fx.team.name);
      }
    });

    it("a signed-out caller gets UnauthenticatedError", async () => {
      for (const [, call] of calls) await expectMembersUnchanged(fx, () => call(null), UnauthenticatedError);
    });

    it("an admin of another team can't reach this team's memberships through their own team", async () => {
      const editor = await membershipOf(fx, fx.actors.editor);
      const other = fx.otherTeam.slug;
      await expectMembersUnchanged(
        fx,
        () =>
          changeMemberRole(fx.actors.outsider, {
            teamSlug: other,
            membershipId: editor.id,
            role: "viewer",
            expectedRole: "editor",
          }),
        NotFoundError,
      );
      await expectMembersUnchanged(
        fx,
        () => removeMember(fx.actors.outsider, { teamSlug: other, membershipId: editor.id }),
        NotFoundError,
      );
    });
  });

  it("lists every member with role, since and admin count", async () => {
    const fx = await createTeamFixture();
    const { members, adminCount: admins } = await listTeamMembers(await accessOf(fx, "admin"));
    expect(admins).toBe(1);
    expect(members).toHaveLength(5);
    expect(members[0]).toMatchObject({ role: "admin", userId: fx.actors.admin.id, since: expect.any(Date) });
    expect(members.map((m) => m.userId)).not.toContain(fx.actors.outsider.id);
  });
});
