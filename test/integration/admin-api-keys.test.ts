import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createAdminKey } from "@/lib/api-keys/create-admin-key";
import { createSdkKey } from "@/lib/api-keys/create-api-key";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { setApprovalPolicy } from "@/lib/approvals/set-approval-policy";
import { requireRole } from "@/lib/auth/require-role";
import { getDb } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
} from "@/lib/errors/domain-errors";
import { setRollout } from "@/lib/releases/set-rollout";
import { authenticateApiKey } from "@/lib/http/rest/authenticate-api-key";
import { MissingCredentialsError } from "@/lib/http/rest/rest-errors";
import { restGetRelease, restGetRollout, restListReleases } from "@/lib/http/rest/rest-reads";
import { restRunCommand, restSetPercentages } from "@/lib/http/rest/rest-rollout-changes";
import { createTeamFixture, type TeamFixture } from "../support/fixtures";
import { scenario } from "../support/scenario";
import { auditCount, expectRefusedUnchanged, rejectionOf, storedRollout } from "../support/team-state";
import { describeEachProvider } from "../support/test-database";
import { accessOf } from "../support/team-access";

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

async function keyFor(fx: TeamFixture, role: "viewer" | "editor", name = `${role} bot`) {
  return createAdminKey(fx.actors.admin, { teamSlug: fx.team.slug, name, role });
}

describeEachProvider("admin API keys", () => {
  describe("create", () => {
    it("admins create one with a role; it is shown once and only its hash is stored; audited", async () => {
      const fx = await createTeamFixture();
      const created = await keyFor(fx, "editor", "deploy pipeline");
      expect(created.key).toMatch(/^gp_admin_[0-9A-Za-z]{32}$/);
      expect(created).toMatchObject({
        name: "deploy pipeline",
        role: "editor",
        prefix: `${created.key.slice(0, 13)}…`,
      });

      const row = await getDb().apiKey.findUniqueOrThrow({ where: { id: created.id } });
      expect(row).toMatchObject({
        kind: "admin",
        role: "editor",
        environmentId: null,
        hash: sha256(created.key),
        createdByName: "Ada Admin",
        revokedAt: null,
      });
      // The clear key is in no column of the row, nor in the audit trail.
      expect(JSON.stringify(row)).not.toContain(created.key);
      const audit = await getDb().auditEvent.findMany({ where: { teamId: fx.team.id, action: "api_key.created" } });
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actorType: "user", actorName: "Ada Admin" });
      expect(audit[0]!.summary).toContain("editor");
      expect(JSON.stringify(audit)).not.toContain(created.key);

      // The list shows name, kind, role and prefix — never the key.
      const listed = await listApiKeys(await accessOf(fx));
      expect(listed).toEqual([
        expect.objectContaining({
          id: created.id,
          kind: "admin",
          role: "editor",
          prefix: created.prefix,
          environment: null,
        }),
      ]);
      expect(JSON.stringify(listed)).not.toContain(created.key);
    });

    it("only admins; another team's admin doesn't find the team; nothing changes", async () => {
      const fx = await createTeamFixture();
      const input = { teamSlug: fx.team.slug, name: "ci", role: "viewer" };
      for (const role of ["viewer", "editor", "approver"] as const) {
        await expectRefusedUnchanged(fx.team.id, () => createAdminKey(fx.actors[role], input), ForbiddenError);
      }
      await expectRefusedUnchanged(fx.team.id, () => createAdminKey(fx.actors.outsider, input), NotFoundError);
      await expectRefusedUnchanged(fx.team.id, () => createAdminKey(null, input), UnauthenticatedError);
    });

    it("a key can be a viewer or an editor, nothing more; a name is required", async () => {
      const fx = await createTeamFixture();
      for (const role of ["admin", "approver", "", undefined]) {
        const error = await expectRefusedUnchanged(
          fx.team.id,
          () => createAdminKey(fx.actors.admin, { teamSlug: fx.team.slug, name: "ci", role }),
          ValidationError,
        );
        expect(Object.keys(error.fieldErrors)).toEqual(["role"]);
      }
      const error = await expectRefusedUnchanged(
        fx.team.id,
        () => createAdminKey(fx.actors.admin, { teamSlug: fx.team.slug, name: "  ", role: "viewer" }),
        ValidationError,
      );
      expect(error.fieldErrors.name).toEqual(["Name is required"]);
    });

    it("an automation key can't create keys itself", async () => {
      const fx = await createTeamFixture();
      const { key } = await keyFor(fx, "editor");
      const { actor } = await authenticateApiKey(`Bearer ${key}`);
      await expectRefusedUnchanged(
        fx.team.id,
        () => createAdminKey(actor, { teamSlug: fx.team.slug, name: "more", role: "editor" }),
        ForbiddenError,
      );
    });
  });

  describe("authenticate and revoke", () => {
    it("a bearer key becomes an actor of its team; viewer reads, editor changes", async () => {
      const fx = await createTeamFixture();
      const release = await scenario(fx).release("checkout");
      const viewer = await authenticateApiKey(`Bearer ${(await keyFor(fx, "viewer")).key}`);
      const editor = await authenticateApiKey(`bearer ${(await keyFor(fx, "editor", "deployer")).key}`);
      expect(editor).toEqual({
        actor: { type: "api_key", id: expect.any(String), name: "deployer (API key)" },
        teamSlug: fx.team.slug,
      });

      expect(
        (await restListReleases(viewer, new URLSearchParams({ environment: "production" }))).releases.map((r) => r.key),
      ).toEqual(["checkout"]);
      const input = {
        teamSlug: fx.team.slug,
        releaseKey: "checkout",
        environmentKey: "production",
        expectedVersion: 1,
        defaultBasisPoints: 0,
        cohorts: {},
      };
      await expectRefusedUnchanged(
        fx.team.id,
        () => setRollout(viewer.actor, { ...input, defaultBasisPoints: 500 }),
        ForbiddenError,
      );
      await setRollout(editor.actor, { ...input, defaultBasisPoints: 500 });
      expect(await storedRollout(release.id, fx.environments.production.id)).toMatchObject({
        defaultBasisPoints: 500,
        updatedByName: "deployer (API key)",
      });
      const audit = await getDb().auditEvent.findFirstOrThrow({
        where: { teamId: fx.team.id, action: "rollout.percentages_set" },
      });
      expect(audit).toMatchObject({ actorType: "api_key", actorId: editor.actor.id, actorName: "deployer (API key)" });
    });

    it("no key, a malformed header, an unknown key: 401; an SDK key: 403", async () => {
      const fx = await createTeamFixture();
      await rejectionOf(authenticateApiKey(null), MissingCredentialsError);
      await rejectionOf(authenticateApiKey("Basic Zm9vOmJhcg=="), UnauthenticatedError);
      await rejectionOf(authenticateApiKey("Bearer gp_admin_0000000000000000000000000000000"), UnauthenticatedError);
      const sdk = await createSdkKey(fx.actors.admin, {
        teamSlug: fx.team.slug,
        environmentKey: "production",
        name: "app",
      });
      const error = await rejectionOf(authenticateApiKey(`Bearer ${sdk.key}`), ForbiddenError);
      expect(error.message).toContain("SDK key");
    });

    it("a revoked key is refused at the door and by requireRole, even with an actor taken before revoking", async () => {
      const fx = await createTeamFixture();
      await scenario(fx).release("checkout");
      const created = await keyFor(fx, "editor");
      const principal = await authenticateApiKey(`Bearer ${created.key}`);
      await revokeApiKey(fx.actors.admin, { teamSlug: fx.team.slug, keyId: created.id });
      expect(await auditCount(fx.team.id, "api_key.revoked")).toBe(1);

      await rejectionOf(authenticateApiKey(`Bearer ${created.key}`), UnauthenticatedError);
      // A request that authenticated a moment before the revocation can't finish a change.
      await rejectionOf(
        inTransaction((tx) => requireRole(tx, principal.actor, fx.team.slug, "viewer")),
        UnauthenticatedError,
      );
      const input = {
        teamSlug: fx.team.slug,
        releaseKey: "checkout",
        environmentKey: "production",
        expectedVersion: 1,
        defaultBasisPoints: 100,
        cohorts: {},
      };
      await expectRefusedUnchanged(fx.team.id, () => setRollout(principal.actor, input), UnauthenticatedError);
      await expectRefusedUnchanged(
        fx.team.id,
        () => restGetRollout(principal, "checkout", "production"),
        UnauthenticatedError,
      );
    });

    it("a key only ever sees its own team", async () => {
      const fx = await createTeamFixture();
      const other = await createTeamFixture();
      await scenario(other).release("theirs");
      const principal = await authenticateApiKey(`Bearer ${(await keyFor(fx, "editor")).key}`);
      await rejectionOf(restGetRelease(principal, "theirs"), NotFoundError);
      await expectRefusedUnchanged(
        other.team.id,
        () =>
          restSetPercentages(
            principal,
            { releaseKey: "theirs", environmentKey: "production" },
            { expectedVersion: 1, default: 50 },
          ),
        NotFoundError,
      );
      // The team in the key wins over any other team named in the input.
      await expectRefusedUnchanged(
        other.team.id,
        () =>
          setRollout(principal.actor, {
            teamSlug: other.team.slug,
            releaseKey: "theirs",
            environmentKey: "production",
            expectedVersion: 1,
            defaultBasisPoints: 5000,
            cohorts: {},
          }),
        NotFoundError,
      );
    });
  });

  describe("REST adapters over the use cases", () => {
    async function rolling() {
      const fx = await createTeamFixture();
      const release = await scenario(fx).release("checkout");
      await scenario(fx).keysCohort("beta", ["alice"]);
      await scenario(fx).keysCohort("staff", ["sam"]);
      await scenario(fx).command(release.id, "checkout", "production", "start");
      const principal = await authenticateApiKey(`Bearer ${(await keyFor(fx, "editor")).key}`);
      return { fx, release, principal, target: { releaseKey: "checkout", environmentKey: "production" } };
    }

    it("percent in, percent out; default left out stays; cohorts not mentioned stay; null follows everyone else", async () => {
      const { fx, release, principal, target } = await rolling();
      const first = await restSetPercentages(principal, target, {
        expectedVersion: 2,
        default: 12.34,
        cohorts: { beta: 50, staff: 0.01 },
      });
      expect(first).toMatchObject({
        kind: "applied",
        changed: true,
        rollout: {
          release: "checkout",
          environment: "production",
          status: "rolling",
          version: 3,
          percentages: { default: 12.34, cohorts: { beta: 50, staff: 0.01 } },
        },
      });
      expect(await storedRollout(release.id, fx.environments.production.id)).toMatchObject({
        defaultBasisPoints: 1234,
        cohorts: { beta: 5000, staff: 1 },
      });

      const second = await restSetPercentages(principal, target, { expectedVersion: 3, cohorts: { staff: null } });
      expect(second).toMatchObject({
        kind: "applied",
        changed: true,
        rollout: { version: 4, percentages: { default: 12.34, cohorts: { beta: 50 } } },
      });
      const same = await restSetPercentages(principal, target, { expectedVersion: 4, default: 12.34 });
      expect(same).toMatchObject({ kind: "applied", changed: false, rollout: { version: 4 } });
    });

    it("a stale version: 409 with the current rollout in percent; unknown cohort and bad state name the field", async () => {
      const { fx, principal, target } = await rolling();
      const conflict = await expectRefusedUnchanged(
        fx.team.id,
        () => restSetPercentages(principal, target, { expectedVersion: 1, default: 5 }),
        ConflictError,
      );
      expect(conflict.current).toMatchObject({
        release: "checkout",
        environment: "production",
        version: 2,
        percentages: { default: 0, cohorts: {} },
      });
      const unknown = await expectRefusedUnchanged(
        fx.team.id,
        () => restSetPercentages(principal, target, { expectedVersion: 2, cohorts: { nobody: 5 } }),
        ValidationError,
      );
      expect(unknown.fieldErrors).toEqual({ "cohorts.nobody": ["Unknown cohort"] });
      const badBody = await expectRefusedUnchanged(
        fx.team.id,
        () => restSetPercentages(principal, target, { expectedVersion: 2, default: 101 }),
        ValidationError,
      );
      expect(Object.keys(badBody.fieldErrors)).toEqual(["default"]);
      const refused = await expectRefusedUnchanged(
        fx.team.id,
        () => restRunCommand(principal, target, "start", { expectedVersion: 2 }),
        ValidationError,
      );
      expect(Object.keys(refused.fieldErrors)).toEqual(["command"]);
    });

    it("held by the approval policy: a change request, nothing applied; roll back never waits and needs no version", async () => {
      const { fx, release, principal, target } = await rolling();
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
      const held = await restSetPercentages(principal, target, {
        expectedVersion: 2,
        cohorts: { beta: 75 },
        comment: "canary was clean",
      });
      if (held.kind !== "pending") throw new Error("expected the raise to wait for approval");
      expect(held.changeRequest).toMatchObject({
        kind: "set_rollout",
        status: "pending",
        comment: "canary was clean",
        requestedBy: "editor bot (API key)",
        changes: [{ key: "beta", from: null, to: 75 }],
        release: { key: "checkout" },
        environment: { key: "production" },
      });
      expect(held.rollout).toMatchObject({ version: 2, percentages: { default: 0, cohorts: {} } });
      expect((await storedRollout(release.id, fx.environments.production.id)).version).toBe(2);

      const promote = await restRunCommand(principal, target, "promote", { expectedVersion: 2 });
      expect(promote).toMatchObject({ kind: "pending", changeRequest: { kind: "promote" } });

      const rolledBack = await restRunCommand(principal, target, "rollback", undefined);
      expect(rolledBack).toMatchObject({ kind: "applied", changed: true, rollout: { status: "rolled_back" } });
    });
  });
});
