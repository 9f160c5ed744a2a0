import { beforeEach, expect, it } from "vitest";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { createCohort } from "@/lib/cohorts/create-cohort";
import { listCohorts } from "@/lib/cohorts/list-cohorts";
import { moveCohort } from "@/lib/cohorts/move-cohort";
import { updateCohort } from "@/lib/cohorts/update-cohort";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors/domain-errors";
import { createTeamFixture, type TeamFixture } from "../support/fixtures";
import { scenario } from "../support/scenario";
import { configVersionOf, expectRefusedUnchanged } from "../support/team-state";
import { describeEachProvider } from "../support/test-database";
import { accessOf } from "../support/team-access";

const condition = (attribute: string, operator: string, values: string[]) => ({ attribute, operator, values });

describeEachProvider("cohorts", () => {
  let fx: TeamFixture;
  const create = (key: string, definition: unknown) =>
    createCohort(fx.actors.editor, { teamSlug: fx.team.slug, key, name: `Cohort ${key}`, definition });

  beforeEach(async () => {
    fx = await createTeamFixture();
  });

  it("creates a rules cohort last in priority, bumps config versions and audits the definition", async () => {
    const configs = [
      await configVersionOf(fx.environments.staging.id),
      await configVersionOf(fx.environments.production.id),
    ];
    await scenario(fx).keysCohort("staff", ["sam", "sue", "sam"]);
    const definition = {
      kind: "rules",
      conditions: [
        condition("country", "in", ["DE", "FR"]),
        condition("appVersion", "semverGte", ["2.3.0"]),
        condition("email", "matches", ["^[a-z]+@example\\.com$"]),
        condition("age", "gt", ["17.5"]),
      ],
    };
    const cohort = await create("eu-adults", definition);
    expect(JSON.parse(cohort.definition)).toEqual(definition);
    expect(cohort.version).toBe(1);

    const cohorts = await listCohorts(await accessOf(fx));
    expect(cohorts.map((c) => [c.key, c.priority])).toEqual([
      ["staff", 1],
      ["eu-adults", 2],
    ]);
    // Duplicate targeting keys are dropped before storing.
    expect(cohorts[0]?.definition).toEqual({ kind: "keys", targetingKeys: ["sam", "sue"] });
    expect([
      await configVersionOf(fx.environments.staging.id),
      await configVersionOf(fx.environments.production.id),
    ]).toEqual(configs.map((v) => v + 2));
    const [event] = await listAuditEvents(await accessOf(fx), { cohortId: cohort.id });
    expect(event).toMatchObject({
      action: "cohort.created",
      actorName: "Eddie Editor",
      after: { key: "eu-adults", definition },
    });
  });

  it.each([
    [
      "an invalid regex",
      [condition("email", "matches", ["([a-z"])],
      "definition.conditions.0.values.0",
      /Invalid regular expression/,
    ],
    [
      "a lookahead (not RE2 syntax)",
      [condition("email", "matches", ["^(?=a)"])],
      "definition.conditions.0.values.0",
      /aren't supported/,
    ],
    [
      "a backreference",
      [condition("email", "matches", ["(a)\\1"])],
      "definition.conditions.0.values.0",
      /backreference/,
    ],
    ["gt with a non-number", [condition("age", "gt", ["abc"])], "definition.conditions.0.values.0", /number/],
    ["lt with hex", [condition("age", "lt", ["0x10"])], "definition.conditions.0.values.0", /number/],
    [
      "a bad version in the second condition",
      [condition("country", "in", ["DE"]), condition("v", "semverLt", ["two"])],
      "definition.conditions.1.values.0",
      /semantic version/,
    ],
    [
      "two values for a single-value operator",
      [condition("age", "gt", ["1", "2"])],
      "definition.conditions.0.values",
      /exactly one value/,
    ],
    ["an empty value", [condition("country", "in", ["DE", "  "])], "definition.conditions.0.values.1", /empty/],
    ["an unknown operator", [condition("country", "like", ["DE"])], "definition.conditions.0.operator", /operator/],
    ["a bad attribute name", [condition("1country", "in", ["DE"])], "definition.conditions.0.attribute", /Attribute/],
    ["no conditions", [], "definition.conditions", /at least one condition/],
  ])("refuses %s, naming the field path, and writes nothing", async (_label, conditions, field, message) => {
    await scenario(fx).keysCohort("existing", ["x"]);
    const error = await expectRefusedUnchanged(
      fx.team.id,
      () => create("broken", { kind: "rules", conditions }),
      ValidationError,
    );
    expect(Object.keys(error.fieldErrors)).toEqual([field]);
    expect(error.fieldErrors[field]?.join(" ")).toMatch(message);
  });

  it("refuses an unknown cohort kind and an empty key list", async () => {
    const kind = await expectRefusedUnchanged(fx.team.id, () => create("odd", { kind: "everyone" }), ValidationError);
    expect(Object.keys(kind.fieldErrors).every((f) => f.startsWith("definition"))).toBe(true);
    const keys = await expectRefusedUnchanged(
      fx.team.id,
      () => create("odd", { kind: "keys", targetingKeys: [] }),
      ValidationError,
    );
    expect(Object.keys(keys.fieldErrors)).toEqual(["definition.targetingKeys"]);
  });

  it("refuses a duplicate key", async () => {
    await scenario(fx).keysCohort("beta", ["a"]);
    const error = await expectRefusedUnchanged(
      fx.team.id,
      () => create("beta", { kind: "keys", targetingKeys: ["b"] }),
      ValidationError,
    );
    expect(Object.keys(error.fieldErrors)).toEqual(["key"]);
  });

  it("updates against the version seen, auditing before/after; a stale version is a conflict", async () => {
    const cohort = await scenario(fx).keysCohort("beta", ["alice"]);
    const update = (actor: typeof fx.actors.editor, expectedVersion: number, keys: string[]) =>
      updateCohort(actor, {
        teamSlug: fx.team.slug,
        cohortKey: "beta",
        expectedVersion,
        name: "Beta testers",
        definition: { kind: "keys", targetingKeys: keys },
      });

    const updated = await update(fx.actors.editor, 1, ["alice", "bob"]);
    expect(updated.version).toBe(2);
    const [event] = await listAuditEvents(await accessOf(fx), { cohortId: cohort.id });
    expect(event).toMatchObject({
      action: "cohort.updated",
      actorName: "Eddie Editor",
      before: { name: "Cohort beta", definition: { kind: "keys", targetingKeys: ["alice"] } },
      after: { name: "Beta testers", definition: { kind: "keys", targetingKeys: ["alice", "bob"] } },
    });

    await expectRefusedUnchanged(fx.team.id, () => update(fx.actors.editor2, 1, ["carol"]), ConflictError);
    const stored = (await listCohorts(await accessOf(fx)))[0];
    expect(stored).toMatchObject({ version: 2, definition: { kind: "keys", targetingKeys: ["alice", "bob"] } });

    const invalid = await expectRefusedUnchanged(
      fx.team.id,
      () =>
        updateCohort(fx.actors.editor, {
          teamSlug: fx.team.slug,
          cohortKey: "beta",
          expectedVersion: 2,
          name: "B",
          definition: { kind: "rules", conditions: [condition("x", "matches", ["(?=a)"])] },
        }),
      ValidationError,
    );
    expect(Object.keys(invalid.fieldErrors)).toEqual(["definition.conditions.0.values.0"]);
    await expectRefusedUnchanged(
      fx.team.id,
      () =>
        updateCohort(fx.actors.editor, {
          teamSlug: fx.team.slug,
          cohortKey: "missing",
          expectedVersion: 1,
          name: "M",
          definition: { kind: "keys", targetingKeys: ["m"] },
        }),
      NotFoundError,
    );
  });

  it("of two updates racing from the same version, exactly one wins", async () => {
    await scenario(fx).keysCohort("beta", ["alice"]);
    const outcomes = await Promise.allSettled(
      [fx.actors.editor, fx.actors.editor2].map((actor) =>
        updateCohort(actor, {
          teamSlug: fx.team.slug,
          cohortKey: "beta",
          expectedVersion: 1,
          name: actor.name,
          definition: { kind: "keys", targetingKeys: [actor.id] },
        }),
      ),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const rejected = outcomes.find((o) => o.status === "rejected");
    expect(rejected?.status === "rejected" && rejected.reason).toBeInstanceOf(ConflictError);
    expect((await listCohorts(await accessOf(fx)))[0]?.version).toBe(2);
  });

  it("moves a cohort by swapping priority with its neighbour, with an audit event", async () => {
    const s = scenario(fx);
    await s.keysCohort("a", ["1"]);
    const b = await s.keysCohort("b", ["2"]);
    const c = await s.keysCohort("c", ["3"]);
    const config = await configVersionOf(fx.environments.production.id);

    expect(
      (await moveCohort(fx.actors.editor, { teamSlug: fx.team.slug, cohortKey: "c", direction: "up" })).order,
    ).toEqual(["a", "c", "b"]);
    expect((await listCohorts(await accessOf(fx))).map((x) => [x.key, x.priority])).toEqual([
      ["a", 1],
      ["c", 2],
      ["b", 3],
    ]);
    expect(await configVersionOf(fx.environments.production.id)).toBe(config + 1);
    const [event] = await listAuditEvents(await accessOf(fx), { cohortId: c.id });
    expect(event).toMatchObject({
      action: "cohort.reordered",
      actorName: "Eddie Editor",
      before: { order: ["a", "b", "c"] },
      after: { order: ["a", "c", "b"] },
    });

    await moveCohort(fx.actors.editor2, { teamSlug: fx.team.slug, cohortKey: "b", direction: "up" });
    expect((await listCohorts(await accessOf(fx))).map((x) => x.key)).toEqual(["a", "b", "c"]);
    expect((await listAuditEvents(await accessOf(fx), { cohortId: b.id }))[0]?.actorName).toBe("Erin Editor");

    const first = await expectRefusedUnchanged(
      fx.team.id,
      () => moveCohort(fx.actors.editor, { teamSlug: fx.team.slug, cohortKey: "a", direction: "up" }),
      ValidationError,
    );
    expect(Object.keys(first.fieldErrors)).toEqual(["direction"]);
    await expectRefusedUnchanged(
      fx.team.id,
      () => moveCohort(fx.actors.editor, { teamSlug: fx.team.slug, cohortKey: "c", direction: "down" }),
      ValidationError,
    );
    await expectRefusedUnchanged(
      fx.team.id,
      () => moveCohort(fx.actors.editor, { teamSlug: fx.team.slug, cohortKey: "zzz", direction: "up" }),
      NotFoundError,
    );
  });
});
