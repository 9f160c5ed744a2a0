import { beforeEach, expect, it } from "vitest";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { ConflictError } from "@/lib/errors/domain-errors";
import { getReleaseView } from "@/lib/releases/get-release-view";
import type { RolloutSnapshot } from "@/lib/rollouts/load-rollout";
import { setRollout } from "@/lib/releases/set-rollout";
import { createTeamFixture, type TeamFixture } from "../support/fixtures";
import { scenario } from "../support/scenario";
import { auditCount, expectRefusedUnchanged, rejectionOf, storedRollout } from "../support/team-state";
import { describeEachProvider } from "../support/test-database";
import { accessOf, contextOf } from "../support/team-access";

describeEachProvider("setRollout concurrency", () => {
  let fx: TeamFixture;
  let releaseId: string;
  const base = (environmentKey = "production") => ({ teamSlug: fx.team.slug, releaseKey: "search", environmentKey });

  beforeEach(async () => {
    fx = await createTeamFixture();
    const s = scenario(fx);
    releaseId = (await s.release("search", "New search")).id;
    await s.keysCohort("beta", ["alice"]);
    await s.keysCohort("staff", ["sam"]);
  });

  it("refuses a save against a stale version with the current values and who made them", async () => {
    // Both editors open the page at the same version.
    const seenByEddie = await getReleaseView(await contextOf(fx, "production"), { releaseKey: "search" });
    const seenByErin = await getReleaseView(await contextOf(fx, "production"), { releaseKey: "search" });
    expect(seenByErin.rollout.version).toBe(seenByEddie.rollout.version);
    const v = seenByEddie.rollout.version;

    await setRollout(fx.actors.editor, {
      ...base(),
      expectedVersion: v,
      defaultBasisPoints: 100,
      cohorts: { beta: 2500 },
    });

    const conflict = (await expectRefusedUnchanged(
      fx.team.id,
      () =>
        setRollout(fx.actors.editor2, {
          ...base(),
          expectedVersion: v,
          defaultBasisPoints: 9000,
          cohorts: { staff: 10000 },
        }),
      ConflictError,
    )) as ConflictError<RolloutSnapshot>;
    expect(conflict.message).toContain("Eddie Editor");
    expect(conflict.current).toMatchObject({
      status: "draft",
      version: v + 1,
      defaultBasisPoints: 100,
      cohorts: { beta: 2500 },
      updatedByName: "Eddie Editor",
    });
    // Eddie's change is intact and Erin's was not half-applied.
    expect(await storedRollout(releaseId, fx.environments.production.id)).toMatchObject({
      version: v + 1,
      defaultBasisPoints: 100,
      cohorts: { beta: 2500 },
    });

    // Erin retries on top of what she was shown: both changes survive.
    await setRollout(fx.actors.editor2, {
      ...base(),
      expectedVersion: conflict.current!.version,
      defaultBasisPoints: 9000,
      cohorts: { staff: 10000 },
    });
    expect(await storedRollout(releaseId, fx.environments.production.id)).toMatchObject({
      version: v + 2,
      defaultBasisPoints: 9000,
      cohorts: { beta: 2500, staff: 10000 },
      updatedByName: "Erin Editor",
    });
    const events = await listAuditEvents(await accessOf(fx), { releaseId });
    expect(events.filter((e) => e.action === "rollout.percentages_set").map((e) => e.actorName)).toEqual([
      "Erin Editor",
      "Eddie Editor",
    ]);
  });

  it("a version from the future is a conflict too", async () => {
    await expectRefusedUnchanged(
      fx.team.id,
      () => setRollout(fx.actors.editor, { ...base(), expectedVersion: 99, defaultBasisPoints: 100, cohorts: {} }),
      ConflictError,
    );
  });

  it.each([2, 6])("of %i saves racing from the same version, exactly one wins", async (racers) => {
    const events = await auditCount(fx.team.id);
    const editors = [fx.actors.editor, fx.actors.editor2];
    const attempts = Array.from({ length: racers }, (_, i) => ({
      actor: editors[i % 2]!,
      defaultBasisPoints: 1000 + i,
      beta: 5000 + i,
    }));
    const outcomes = await Promise.allSettled(
      attempts.map((a) =>
        setRollout(a.actor, {
          ...base(),
          expectedVersion: 1,
          defaultBasisPoints: a.defaultBasisPoints,
          cohorts: { beta: a.beta },
        }),
      ),
    );

    const winners = outcomes.flatMap((o, i) => (o.status === "fulfilled" ? [attempts[i]!] : []));
    expect(winners).toHaveLength(1);
    for (const outcome of outcomes) {
      if (outcome.status === "rejected") expect(outcome.reason).toBeInstanceOf(ConflictError);
    }
    const winner = winners[0]!;
    expect(await storedRollout(releaseId, fx.environments.production.id)).toEqual({
      status: "draft",
      version: 2,
      defaultBasisPoints: winner.defaultBasisPoints,
      cohorts: { beta: winner.beta },
      updatedByName: winner.actor.name,
    });
    expect(await auditCount(fx.team.id)).toBe(events + 1);
  });

  it("saves to different environments at the same time don't conflict", async () => {
    const [staging, production] = await Promise.all([
      setRollout(fx.actors.editor, { ...base("staging"), expectedVersion: 1, defaultBasisPoints: 10000, cohorts: {} }),
      setRollout(fx.actors.editor2, {
        ...base("production"),
        expectedVersion: 1,
        defaultBasisPoints: 100,
        cohorts: { beta: 10000 },
      }),
    ]);
    expect(staging.rollout).toMatchObject({ version: 2, defaultBasisPoints: 10000, cohorts: {} });
    expect(production.rollout).toMatchObject({ version: 2, defaultBasisPoints: 100, cohorts: { beta: 10000 } });
  });

  it("a conflict on one environment still names the editor of that environment", async () => {
    await setRollout(fx.actors.editor2, {
      ...base("staging"),
      expectedVersion: 1,
      defaultBasisPoints: 100,
      cohorts: {},
    });
    await setRollout(fx.actors.editor, {
      ...base("production"),
      expectedVersion: 1,
      defaultBasisPoints: 200,
      cohorts: {},
    });
    const conflict = (await rejectionOf(
      setRollout(fx.actors.editor, { ...base("staging"), expectedVersion: 1, defaultBasisPoints: 300, cohorts: {} }),
      ConflictError,
    )) as ConflictError<RolloutSnapshot>;
    expect(conflict.current).toMatchObject({ version: 2, defaultBasisPoints: 100, updatedByName: "Erin Editor" });
  });
});
