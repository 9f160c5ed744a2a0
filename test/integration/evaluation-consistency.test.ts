import { beforeEach, expect, it } from "vitest";
import { moveCohort } from "@/lib/cohorts/move-cohort";
import { bucketOf } from "@/lib/domain/bucketing";
import { evaluate } from "@/lib/domain/evaluate";
import type { EvaluationContext } from "@/lib/domain/targeting";
import { changeReleaseStatus } from "@/lib/releases/change-release-status";
import { setRollout } from "@/lib/releases/set-rollout";
import { compiledFromDb } from "../support/compile-from-db";
import { createTeamFixture, type TeamFixture } from "../support/fixtures";
import { scenario } from "../support/scenario";
import { storedRollout } from "../support/team-state";
import { describeEachProvider } from "../support/test-database";

type Ctx = EvaluationContext & { targetingKey: string };
const alice: Ctx = { targetingKey: "alice", country: "DE" }; // in beta (keys) and in eu (rules)
const carol: Ctx = { targetingKey: "carol", country: "FR" }; // eu only
const dave: Ctx = { targetingKey: "dave" }; // no cohort
const mobileUsers: Ctx[] = Array.from({ length: 2000 }, (_, i) => ({ targetingKey: `m-${i}`, platform: "ios" }));

describeEachProvider("evaluation of stored rollouts", () => {
  let fx: TeamFixture;
  let releaseId: string;

  const evalIn = async (env: "staging" | "production", ...contexts: Ctx[]) => {
    const { release, cohorts } = await compiledFromDb(fx.team.id, "promo", fx.environments[env].id);
    return contexts.map((context) => evaluate(release, cohorts, context));
  };
  const save = async (defaultBasisPoints: number, cohorts: Record<string, number | null>) => {
    const { version } = await storedRollout(releaseId, fx.environments.production.id);
    return setRollout(fx.actors.editor, {
      teamSlug: fx.team.slug,
      releaseKey: "promo",
      environmentKey: "production",
      expectedVersion: version,
      defaultBasisPoints,
      cohorts,
    });
  };

  beforeEach(async () => {
    fx = await createTeamFixture();
    const s = scenario(fx);
    releaseId = (await s.release("promo", "Promo banner")).id;
    await s.keysCohort("beta", ["alice", "bob"]);
    await s.rulesCohort("eu", {
      kind: "rules",
      conditions: [{ attribute: "country", operator: "in", values: ["DE", "FR"] }],
    });
    await s.rulesCohort("mobile", {
      kind: "rules",
      conditions: [{ attribute: "platform", operator: "in", values: ["ios", "android"] }],
    });
    await s.command(releaseId, "promo", "production", "start");
    await save(0, { beta: 10000, eu: 0, mobile: 5000 });
  });

  it("a cohort at 100% is exposed, an explicit 0% and the default 0% are not", async () => {
    const [a, c, d] = await evalIn("production", alice, carol, dave);
    expect(a).toMatchObject({
      value: true,
      variant: "treatment",
      cohortKey: "beta",
      basisPoints: 10000,
      reason: "TARGETING_MATCH",
    });
    expect(c).toMatchObject({ value: false, variant: "control", cohortKey: "eu", basisPoints: 0 });
    expect(d).toMatchObject({ value: false, cohortKey: "default", basisPoints: 0 });
  });

  it("a 50% cohort exposes exactly the users whose bucket is below 5000", async () => {
    const results = await evalIn("production", ...mobileUsers);
    for (const [i, result] of results.entries()) {
      const user = mobileUsers[i]!;
      expect(result).toMatchObject({ cohortKey: "mobile", basisPoints: 5000, reason: "SPLIT" });
      expect(result.value).toBe(bucketOf("promo", user.targetingKey) < 5000);
    }
    const share = results.filter((r) => r.value).length / results.length;
    expect(share).toBeGreaterThan(0.45);
    expect(share).toBeLessThan(0.55);
  });

  it("ramping up only adds users, and raising the default reaches users outside every cohort", async () => {
    await save(0, { mobile: 1000 });
    const atTen = await evalIn("production", ...mobileUsers);
    await save(10000, { mobile: 2500 });
    const atTwentyFive = await evalIn("production", ...mobileUsers);
    for (const [i, before] of atTen.entries()) if (before.value) expect(atTwentyFive[i]!.value).toBe(true);
    expect(atTwentyFive.filter((r) => r.value).length).toBeGreaterThan(atTen.filter((r) => r.value).length);

    const [c, d] = await evalIn("production", carol, dave);
    expect(d).toMatchObject({ value: true, cohortKey: "default", basisPoints: 10000 });
    // eu keeps its explicit 0% although everyone else is at 100%.
    expect(c).toMatchObject({ value: false, cohortKey: "eu" });
    // A cohort put back on the default follows it.
    await save(10000, { eu: null });
    expect((await evalIn("production", carol))[0]).toMatchObject({ value: true, cohortKey: "eu", basisPoints: 10000 });
  });

  it("cohort order from the database decides which percentage applies", async () => {
    await moveCohort(fx.actors.editor, { teamSlug: fx.team.slug, cohortKey: "eu", direction: "up" });
    const [a] = await evalIn("production", alice);
    expect(a).toMatchObject({ value: false, cohortKey: "eu", basisPoints: 0 });
  });

  it("status overrides the percentages: draft elsewhere, promoted, rolled back", async () => {
    const [stagingAlice] = await evalIn("staging", alice);
    expect(stagingAlice).toMatchObject({ value: false, reason: "DISABLED", status: "draft", cohortKey: "beta" });

    await scenario(fx).command(releaseId, "promo", "production", "promote");
    expect((await evalIn("production", alice, carol, dave)).map((r) => r.value)).toEqual([true, true, true]);

    await changeReleaseStatus(fx.actors.editor, {
      teamSlug: fx.team.slug,
      releaseKey: "promo",
      environmentKey: "production",
      command: "rollback",
    });
    expect((await evalIn("production", alice, carol, dave)).map((r) => [r.value, r.reason])).toEqual([
      [false, "DISABLED"],
      [false, "DISABLED"],
      [false, "DISABLED"],
    ]);
  });

  it("pausing keeps serving the current split", async () => {
    const rolling = await evalIn("production", ...mobileUsers.slice(0, 200));
    await scenario(fx).command(releaseId, "promo", "production", "pause");
    const paused = await evalIn("production", ...mobileUsers.slice(0, 200));
    expect(paused.map((r) => r.value)).toEqual(rolling.map((r) => r.value));
    expect(paused[0]?.status).toBe("paused");
  });
});
