import { expect, it } from "vitest";
import { createCohort } from "@/lib/cohorts/create-cohort";
import { getDb } from "@/lib/db/client";
import { createEnvironment } from "@/lib/environments/create-environment";
import { ConflictError, ValidationError } from "@/lib/errors/domain-errors";
import { changeReleaseStatus } from "@/lib/releases/change-release-status";
import { createRelease } from "@/lib/releases/create-release";
import { createTeamFixture } from "../support/fixtures";
import { scenario } from "../support/scenario";
import { auditCount, storedRollout } from "../support/team-state";
import { describeEachProvider } from "../support/test-database";

// Use cases other than setRollout that must stay correct when two requests arrive at once.
// SQLite serialises write transactions; on PostgreSQL (READ COMMITTED) these rely on the
// version guard in the UPDATE and on the team-structure row lock. Each test races several
// rounds so a round that happens not to overlap can't hide a regression.
const ROUNDS = 3;

describeEachProvider("concurrent writes", () => {
  it("two status commands from the same version: exactly one applies", async () => {
    const fx = await createTeamFixture();
    for (let round = 0; round < ROUNDS; round++) {
      const release = await scenario(fx).release(`race-${round}`);
      const events = await auditCount(fx.team.id);
      const outcomes = await Promise.allSettled(
        [fx.actors.editor, fx.actors.editor2].map((actor) =>
          changeReleaseStatus(actor, {
            teamSlug: fx.team.slug,
            releaseKey: `race-${round}`,
            environmentKey: "production",
            command: "start",
            expectedVersion: 1,
          }),
        ),
      );
      expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
      expect(outcomes.find((o) => o.status === "rejected")?.reason).toBeInstanceOf(ConflictError);
      expect(await storedRollout(release.id, fx.environments.production.id)).toMatchObject({
        status: "rolling",
        version: 2,
      });
      expect(await auditCount(fx.team.id)).toBe(events + 1);
    }
  });

  it("two creates of the same release key: the loser gets fieldErrors.key", async () => {
    const fx = await createTeamFixture();
    for (let round = 0; round < ROUNDS; round++) {
      const outcomes = await Promise.allSettled(
        [fx.actors.editor, fx.actors.editor2].map((actor) =>
          createRelease(actor, { teamSlug: fx.team.slug, key: `same-${round}`, name: actor.name }),
        ),
      );
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
      const loser = outcomes.find((o) => o.status === "rejected");
      expect(loser?.reason).toBeInstanceOf(ValidationError);
      expect(Object.keys((loser?.reason as ValidationError).fieldErrors)).toEqual(["key"]);
    }
  });

  it("cohorts created at the same time get distinct priorities", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const fx = await createTeamFixture();
      await Promise.all(
        ["a", "b", "c"].map((key) =>
          createCohort(fx.actors.editor, {
            teamSlug: fx.team.slug,
            key,
            name: key,
            definition: { kind: "keys", targetingKeys: [key] },
          }),
        ),
      );
      const priorities = (await getDb().cohort.findMany({ where: { teamId: fx.team.id } })).map((c) => c.priority);
      expect(new Set(priorities).size).toBe(3);
    }
  });

  it("environments created at the same time get distinct positions", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const fx = await createTeamFixture();
      await Promise.all(
        ["qa", "dev"].map((key) => createEnvironment(fx.actors.admin, { teamSlug: fx.team.slug, key, name: key })),
      );
      const positions = (await getDb().environment.findMany({ where: { teamId: fx.team.id } })).map((e) => e.position);
      expect(new Set(positions).size).toBe(4);
    }
  });
});
