import { beforeEach, expect, it } from "vitest";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { ValidationError } from "@/lib/errors/domain-errors";
import { getReleaseView } from "@/lib/releases/get-release-view";
import { setRollout } from "@/lib/releases/set-rollout";
import { createTeamFixture, type TeamFixture } from "../support/fixtures";
import { scenario } from "../support/scenario";
import { auditCount, configVersionOf, expectRefusedUnchanged, storedRollout } from "../support/team-state";
import { describeEachProvider } from "../support/test-database";
import { accessOf, contextOf } from "../support/team-access";

describeEachProvider("setRollout", () => {
  let fx: TeamFixture;
  let releaseId: string;
  const base = () => ({ teamSlug: fx.team.slug, releaseKey: "checkout", environmentKey: "production" });

  beforeEach(async () => {
    fx = await createTeamFixture();
    const s = scenario(fx);
    releaseId = (await s.release("checkout", "New checkout")).id;
    await s.keysCohort("beta", ["alice", "bob"]);
    await s.rulesCohort("eu", {
      kind: "rules",
      conditions: [{ attribute: "country", operator: "in", values: ["DE", "FR"] }],
    });
  });

  it("stores the percentages, bumps versions and writes one audit event with before/after", async () => {
    const { production, staging } = fx.environments;
    const [events, prodConfig, stagingConfig] = [
      await auditCount(fx.team.id),
      await configVersionOf(production.id),
      await configVersionOf(staging.id),
    ];

    const result = await setRollout(fx.actors.editor, {
      ...base(),
      expectedVersion: 1,
      defaultBasisPoints: 500,
      cohorts: { beta: 10000, eu: 2550 },
    });

    expect(result.changed).toBe(true);
    expect(result.rollout).toMatchObject({
      version: 2,
      defaultBasisPoints: 500,
      cohorts: { beta: 10000, eu: 2550 },
      updatedByName: "Eddie Editor",
    });
    expect(await storedRollout(releaseId, production.id)).toEqual({
      status: "draft",
      version: 2,
      defaultBasisPoints: 500,
      cohorts: { beta: 10000, eu: 2550 },
      updatedByName: "Eddie Editor",
    });
    expect(await auditCount(fx.team.id)).toBe(events + 1);
    expect(await configVersionOf(production.id)).toBe(prodConfig + 1);
    expect(await configVersionOf(staging.id)).toBe(stagingConfig);

    const [event] = await listAuditEvents(await accessOf(fx), { releaseId });
    expect(event).toMatchObject({
      action: "rollout.percentages_set",
      actorName: "Eddie Editor",
      environmentName: "Production",
      before: { defaultBasisPoints: 0, cohorts: {}, version: 1 },
      after: { defaultBasisPoints: 500, cohorts: { beta: 10000, eu: 2550 }, version: 2 },
    });
    expect(event?.summary).toContain("beta 0% (everyone else) → 100%");
    expect(event?.summary).toContain("everyone else 0% → 5%");
  });

  it("leaves the other environment untouched", async () => {
    await setRollout(fx.actors.editor, {
      ...base(),
      expectedVersion: 1,
      defaultBasisPoints: 1000,
      cohorts: { beta: 5000 },
    });
    await setRollout(fx.actors.editor, {
      ...base(),
      expectedVersion: 2,
      defaultBasisPoints: 2000,
      cohorts: { eu: 7500 },
    });

    expect(await storedRollout(releaseId, fx.environments.staging.id)).toMatchObject({
      version: 1,
      defaultBasisPoints: 0,
      cohorts: {},
    });
    const staging = await getReleaseView(await contextOf(fx, "staging"), { releaseKey: "checkout" });
    expect(staging.cohorts.map((c) => c.basisPoints)).toEqual([null, null]);
    const production = await getReleaseView(await contextOf(fx, "production"), { releaseKey: "checkout" });
    expect(production.rollout).toMatchObject({ version: 3, defaultBasisPoints: 2000 });
    expect(production.cohorts.map((c) => [c.key, c.basisPoints])).toEqual([
      ["beta", 5000],
      ["eu", 7500],
    ]);
  });

  it("null puts a cohort back on the default; omitted cohorts keep their value", async () => {
    await setRollout(fx.actors.editor, {
      ...base(),
      expectedVersion: 1,
      defaultBasisPoints: 0,
      cohorts: { beta: 5000, eu: 100 },
    });
    const result = await setRollout(fx.actors.editor, {
      ...base(),
      expectedVersion: 2,
      defaultBasisPoints: 0,
      cohorts: { beta: null },
    });
    expect(result.rollout.cohorts).toEqual({ eu: 100 });
    expect((await storedRollout(releaseId, fx.environments.production.id)).cohorts).toEqual({ eu: 100 });
    const [event] = await listAuditEvents(await accessOf(fx), { releaseId });
    expect(event?.before).toMatchObject({ cohorts: { beta: 5000, eu: 100 } });
    expect(event?.after).toMatchObject({ cohorts: { eu: 100 }, version: 3 });
  });

  it("a save that changes nothing keeps the version and writes no audit event", async () => {
    await setRollout(fx.actors.editor, {
      ...base(),
      expectedVersion: 1,
      defaultBasisPoints: 300,
      cohorts: { beta: 5000 },
    });
    const before = await auditCount(fx.team.id);
    const result = await setRollout(fx.actors.editor, {
      ...base(),
      expectedVersion: 2,
      defaultBasisPoints: 300,
      cohorts: { beta: 5000 },
    });
    expect(result).toMatchObject({ changed: false, rollout: { version: 2 } });
    expect(await storedRollout(releaseId, fx.environments.production.id)).toMatchObject({ version: 2 });
    expect(await auditCount(fx.team.id)).toBe(before);
  });

  it.each([
    ["default above 100%", { defaultBasisPoints: 10100 }, "defaultBasisPoints"],
    ["negative default", { defaultBasisPoints: -1 }, "defaultBasisPoints"],
    ["NaN default", { defaultBasisPoints: Number.NaN }, "defaultBasisPoints"],
    ["Infinity default", { defaultBasisPoints: Number.POSITIVE_INFINITY }, "defaultBasisPoints"],
    ["string default", { defaultBasisPoints: "50" }, "defaultBasisPoints"],
    ["fractional basis points", { defaultBasisPoints: 12.345 }, "defaultBasisPoints"],
    ["cohort above 100%", { cohorts: { beta: 10100 } }, "cohorts.beta"],
    ["negative cohort", { cohorts: { eu: -1 } }, "cohorts.eu"],
    ["NaN cohort", { cohorts: { beta: Number.NaN } }, "cohorts.beta"],
    ["fractional cohort", { cohorts: { beta: 12.345 } }, "cohorts.beta"],
    ["unknown cohort key", { cohorts: { beta: 100, nope: 100 } }, "cohorts.nope"],
    ["missing expected version", { expectedVersion: undefined }, "expectedVersion"],
  ])("refuses a %s, naming the field, and changes nothing", async (_label, override, field) => {
    await setRollout(fx.actors.editor, {
      ...base(),
      expectedVersion: 1,
      defaultBasisPoints: 700,
      cohorts: { beta: 1000 },
    });
    const input = { ...base(), expectedVersion: 2, defaultBasisPoints: 800, cohorts: { eu: 200 }, ...override };
    const error = await expectRefusedUnchanged(fx.team.id, () => setRollout(fx.actors.editor, input), ValidationError);
    expect(Object.keys(error.fieldErrors)).toEqual([field]);
    expect(await storedRollout(releaseId, fx.environments.production.id)).toMatchObject({
      version: 2,
      defaultBasisPoints: 700,
      cohorts: { beta: 1000 },
    });
  });

  it("refuses a cohort of another team as unknown", async () => {
    const other = await createTeamFixture();
    await scenario(other).keysCohort("theirs", ["zed"]);
    const error = await expectRefusedUnchanged(
      fx.team.id,
      () =>
        setRollout(fx.actors.editor, {
          ...base(),
          expectedVersion: 1,
          defaultBasisPoints: 0,
          cohorts: { theirs: 100 },
        }),
      ValidationError,
    );
    expect(Object.keys(error.fieldErrors)).toEqual(["cohorts.theirs"]);
  });
});
