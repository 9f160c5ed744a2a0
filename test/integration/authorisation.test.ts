import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import type { Actor } from "@/lib/auth/actor";
import { createCohort } from "@/lib/cohorts/create-cohort";
import { moveCohort } from "@/lib/cohorts/move-cohort";
import { updateCohort } from "@/lib/cohorts/update-cohort";
import { getDb } from "@/lib/db/client";
import { createEnvironment } from "@/lib/environments/create-environment";
import { ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from "@/lib/errors/domain-errors";
import { changeReleaseStatus } from "@/lib/releases/change-release-status";
import { createRelease } from "@/lib/releases/create-release";
import { setRollout } from "@/lib/releases/set-rollout";
import { updateRelease } from "@/lib/releases/update-release";
import { getTeamContext } from "@/lib/auth/get-team-context";
import { createTeamFixture, type TeamFixture } from "../support/fixtures";
import { scenario } from "../support/scenario";
import { expectRefusedUnchanged, storedRollout } from "../support/team-state";
import { describeEachProvider } from "../support/test-database";
import { accessOf } from "../support/team-access";

async function teamWithRelease() {
  const fx = await createTeamFixture();
  const release = await scenario(fx).release("guarded", "Guarded");
  await scenario(fx).keysCohort("beta", ["alice"]);
  await scenario(fx).keysCohort("staff", ["sam"]);
  return { fx, releaseId: release.id };
}

// Every editor-level mutation, with input that would succeed for an editor of `fx`.
const mutations: [string, (actor: Actor | null, fx: TeamFixture) => Promise<unknown>][] = [
  [
    "setRollout",
    (a, fx) =>
      setRollout(a, {
        teamSlug: fx.team.slug,
        releaseKey: "guarded",
        environmentKey: "production",
        expectedVersion: 1,
        defaultBasisPoints: 100,
        cohorts: { beta: 100 },
      }),
  ],
  ["createRelease", (a, fx) => createRelease(a, { teamSlug: fx.team.slug, key: "sneaky", name: "Sneaky" })],
  ["updateRelease", (a, fx) => updateRelease(a, { teamSlug: fx.team.slug, releaseKey: "guarded", name: "Renamed" })],
  [
    "changeReleaseStatus start",
    (a, fx) =>
      changeReleaseStatus(a, {
        teamSlug: fx.team.slug,
        releaseKey: "guarded",
        environmentKey: "production",
        command: "start",
        expectedVersion: 1,
      }),
  ],
  [
    "changeReleaseStatus rollback",
    (a, fx) =>
      changeReleaseStatus(a, {
        teamSlug: fx.team.slug,
        releaseKey: "guarded",
        environmentKey: "production",
        command: "rollback",
      }),
  ],
  [
    "createCohort",
    (a, fx) =>
      createCohort(a, {
        teamSlug: fx.team.slug,
        key: "vip",
        name: "VIP",
        definition: { kind: "keys", targetingKeys: ["v"] },
      }),
  ],
  [
    "updateCohort",
    (a, fx) =>
      updateCohort(a, {
        teamSlug: fx.team.slug,
        cohortKey: "beta",
        expectedVersion: 1,
        name: "Beta",
        definition: { kind: "keys", targetingKeys: ["x"] },
      }),
  ],
  ["moveCohort", (a, fx) => moveCohort(a, { teamSlug: fx.team.slug, cohortKey: "staff", direction: "up" })],
];

describeEachProvider("authorisation", () => {
  describe("refusals", () => {
    // Refusals change nothing (each test asserts it), so they share one team.
    let shared: TeamFixture;
    beforeAll(async () => {
      shared = (await teamWithRelease()).fx;
    });

    it.each(mutations)("a viewer can't %s (ForbiddenError, nothing changed)", async (_name, call) => {
      const error = await expectRefusedUnchanged(
        shared.team.id,
        () => call(shared.actors.viewer, shared),
        ForbiddenError,
      );
      expect(error.message).toMatch(/viewer/);
    });

    it.each(mutations)("a signed-out caller can't %s (UnauthenticatedError)", async (_name, call) => {
      await expectRefusedUnchanged(shared.team.id, () => call(null, shared), UnauthenticatedError);
    });

    it.each(mutations)("a member of another team can't %s and learns nothing (NotFoundError)", async (_name, call) => {
      const error = await expectRefusedUnchanged(
        shared.team.id,
        () => call(shared.actors.outsider, shared),
        NotFoundError,
      );
      expect(error.message).not.toContain(shared.team.name);
    });

    it.each(mutations)(
      "an actor claiming to be an unknown API key can't %s (UnauthenticatedError)",
      async (_name, call) => {
        await expectRefusedUnchanged(
          shared.team.id,
          () => call({ type: "api_key", id: shared.actors.admin.id, name: "ci" }, shared),
          UnauthenticatedError,
        );
      },
    );
  });

  describe("allowed changes", () => {
    let fx: TeamFixture;
    let releaseId: string;

    beforeEach(async () => {
      ({ fx, releaseId } = await teamWithRelease());
    });

    it.each(mutations)("an editor can %s", async (_name, call) => {
      await expect(call(fx.actors.editor, fx)).resolves.toBeDefined();
    });

    it.each(["approver", "admin"] as const)("an %s can change rollouts too (roles are ordered)", async (role) => {
      const result = await setRollout(fx.actors[role], {
        teamSlug: fx.team.slug,
        releaseKey: "guarded",
        environmentKey: "production",
        expectedVersion: 1,
        defaultBasisPoints: 100,
        cohorts: {},
      });
      expect(result.rollout.updatedByName).toBe(fx.actors[role].name);
    });

    it("a release of another team is not found through one's own team either", async () => {
      const other = await createTeamFixture();
      await scenario(other).release("theirs", "Theirs");
      await expectRefusedUnchanged(
        other.team.id,
        () =>
          setRollout(fx.actors.editor, {
            teamSlug: fx.team.slug,
            releaseKey: "theirs",
            environmentKey: "production",
            expectedVersion: 1,
            defaultBasisPoints: 100,
            cohorts: {},
          }),
        NotFoundError,
      );
    });

    it("getTeamContext: viewers read, outsiders get NotFound, production is the default view", async () => {
      const context = await getTeamContext(fx.actors.viewer, fx.team.slug);
      expect(context.access.role).toBe("viewer");
      expect(context.environments.map((e) => e.key)).toEqual(["staging", "production"]);
      expect(context.environment.key).toBe("production");
      expect((await getTeamContext(fx.actors.viewer, fx.team.slug, "staging")).environment.key).toBe("staging");
      await expect(getTeamContext(fx.actors.viewer, fx.team.slug, "qa")).rejects.toBeInstanceOf(NotFoundError);
      await expect(getTeamContext(fx.actors.outsider, fx.team.slug)).rejects.toBeInstanceOf(NotFoundError);
      await expect(getTeamContext(null, fx.team.slug)).rejects.toBeInstanceOf(UnauthenticatedError);
    });

    it.each(["editor", "approver"] as const)("an %s can't create an environment", async (role) => {
      await expectRefusedUnchanged(
        fx.team.id,
        () => createEnvironment(fx.actors[role], { teamSlug: fx.team.slug, key: "qa", name: "QA" }),
        ForbiddenError,
      );
    });

    it("an admin creates an environment and every release gets a draft rollout at 0% there", async () => {
      const second = await scenario(fx).release("second", "Second");
      await setRollout(fx.actors.editor, {
        teamSlug: fx.team.slug,
        releaseKey: "guarded",
        environmentKey: "production",
        expectedVersion: 1,
        defaultBasisPoints: 4000,
        cohorts: { beta: 10000 },
      });

      const env = await createEnvironment(fx.actors.admin, { teamSlug: fx.team.slug, key: "qa", name: "QA" });
      expect(env).toMatchObject({ key: "qa", name: "QA", position: 3, teamId: fx.team.id });
      for (const id of [releaseId, second.id]) {
        expect(await storedRollout(id, env.id)).toEqual({
          status: "draft",
          version: 1,
          defaultBasisPoints: 0,
          cohorts: {},
          updatedByName: "Ada Admin",
        });
      }
      expect(await getDb().releaseRollout.count({ where: { environmentId: env.id } })).toBe(2);
      const [event] = await listAuditEvents(await accessOf(fx));
      expect(event).toMatchObject({ action: "environment.created", actorName: "Ada Admin", environmentName: "QA" });
      // The other team is untouched.
      expect(await getDb().environment.count({ where: { teamId: fx.otherTeam.id } })).toBe(2);

      const duplicate = await expectRefusedUnchanged(
        fx.team.id,
        () => createEnvironment(fx.actors.admin, { teamSlug: fx.team.slug, key: "qa", name: "QA again" }),
        ValidationError,
      );
      expect(Object.keys(duplicate.fieldErrors)).toEqual(["key"]);
    });

    it("an outsider admin can't create an environment in this team", async () => {
      await expectRefusedUnchanged(
        fx.team.id,
        () => createEnvironment(fx.actors.outsider, { teamSlug: fx.team.slug, key: "qa", name: "QA" }),
        NotFoundError,
      );
    });
  });
});
