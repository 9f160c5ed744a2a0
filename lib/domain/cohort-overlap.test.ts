import { describe, expect, it } from "vitest";
import {
  analyseCohortOrder,
  conditionImplies,
  conditionsConflict,
  contradiction,
  coveringCohorts,
  provablyCovered,
  provablyDisjoint,
} from "./cohort-overlap";
import type { CohortDefinition, Condition, Operator } from "./cohort-rules";
import { describeCohortFinding } from "./describe-cohort-findings";
import { compileCohort } from "./targeting";

const c = (attribute: string, operator: Operator, ...values: string[]): Condition => ({ attribute, operator, values });
const rules = (...conditions: Condition[]): CohortDefinition => ({ kind: "rules", conditions });
const keys = (...targetingKeys: string[]): CohortDefinition => ({ kind: "keys", targetingKeys });

const mobile = rules(c("platform", "in", "ios", "android"));
const iosPowerDe = rules(c("platform", "in", "ios"), c("country", "in", "DE"), c("sessions", "gt", "50"));

describe("conditionImplies", () => {
  it.each<[Condition, Condition, boolean]>([
    [c("platform", "in", "ios"), c("platform", "in", "ios", "android"), true],
    [c("platform", "in", "ios", "web"), c("platform", "in", "ios", "android"), false],
    [c("country", "in", "DE"), c("country", "notIn", "US"), true],
    [c("country", "in", "US"), c("country", "notIn", "US"), false],
    [c("email", "in", "a@acme.test"), c("email", "endsWith", "@acme.test"), true],
    [c("email", "in", "a@acme.test"), c("email", "matches", "^[a-z]@acme\\.test$"), true],
    [c("version", "in", "2.4.0"), c("version", "semverGte", "2.3.0"), true],
    [c("age", "in", "30"), c("age", "gt", "18"), true],
    [c("age", "in", "thirty"), c("age", "gt", "18"), false],
    [c("email", "endsWith", "@eu.acme.test"), c("email", "endsWith", ".acme.test"), true],
    [c("email", "endsWith", "@acme.test"), c("email", "endsWith", "@eu.acme.test"), false],
    [c("email", "endsWith", "@acme.test"), c("email", "contains", "acme"), true],
    [c("path", "startsWith", "/shop/de"), c("path", "startsWith", "/shop"), true],
    [c("path", "startsWith", "/shop"), c("path", "endsWith", "/shop"), false],
    [c("path", "contains", "shop"), c("path", "startsWith", "shop"), false],
    [c("age", "gt", "21"), c("age", "gt", "18"), true],
    [c("age", "gt", "18"), c("age", "gt", "21"), false],
    [c("age", "lt", "10"), c("age", "lt", "18"), true],
    [c("v", "semverGte", "3.0.0"), c("v", "semverGte", "2.3.0"), true],
    [c("v", "semverLt", "2.0.0"), c("v", "semverLt", "2.3.0"), true],
    [c("v", "semverLt", "2.0.0"), c("v", "semverGte", "1.0.0"), false],
    [c("country", "notIn", "US", "CA"), c("country", "notIn", "US"), true],
    [c("country", "notIn", "US"), c("country", "notIn", "US", "CA"), false],
    [c("email", "matches", "^a"), c("email", "matches", "^a"), true],
    // Patterns are not compared beyond equality: unproven, so no claim.
    [c("email", "matches", "^ab"), c("email", "matches", "^a"), false],
    [c("platform", "in", "ios"), c("os", "in", "ios"), false],
  ])("%j implies %j: %s", (b, a, expected) => {
    expect(conditionImplies(b, a)).toBe(expected);
  });
});

describe("conditionsConflict", () => {
  it.each<[Condition, Condition, boolean]>([
    [c("country", "in", "US"), c("country", "in", "DE", "FR"), true],
    [c("country", "in", "US", "DE"), c("country", "in", "DE", "FR"), false],
    [c("country", "in", "US"), c("country", "notIn", "US"), true],
    [c("email", "in", "a@x.test"), c("email", "endsWith", "@acme.test"), true],
    [c("path", "startsWith", "/a"), c("path", "startsWith", "/b"), true],
    [c("path", "startsWith", "/a"), c("path", "startsWith", "/ab"), false],
    [c("file", "endsWith", ".js"), c("file", "endsWith", ".ts"), true],
    [c("age", "gt", "65"), c("age", "lt", "18"), true],
    [c("age", "gt", "18"), c("age", "lt", "65"), false],
    [c("v", "semverGte", "3.0.0"), c("v", "semverLt", "2.0.0"), true],
    [c("v", "semverGte", "2.0.0"), c("v", "semverLt", "3.0.0"), false],
    [c("country", "notIn", "US"), c("country", "notIn", "DE"), false],
    [c("country", "in", "US"), c("region", "in", "DE"), false],
  ])("%j and %j conflict: %s", (a, b, expected) => {
    expect(conditionsConflict(a, b)).toBe(expected);
    expect(conditionsConflict(b, a)).toBe(expected);
  });
});

describe("provablyCovered and provablyDisjoint", () => {
  it("iOS power users in DE sit inside Mobile app users", () => {
    expect(provablyCovered(iosPowerDe, mobile)).toBe(true);
    expect(provablyCovered(mobile, iosPowerDe)).toBe(false);
    expect(provablyDisjoint(iosPowerDe, mobile)).toBe(false);
  });

  it("a key list is covered by a rule on targetingKey every key satisfies, and by a list holding its keys", () => {
    expect(provablyCovered(keys("qa-1", "qa-2"), rules(c("targetingKey", "startsWith", "qa-")))).toBe(true);
    expect(provablyCovered(keys("qa-1", "x"), rules(c("targetingKey", "startsWith", "qa-")))).toBe(false);
    expect(provablyCovered(keys("a"), keys("a", "b"))).toBe(true);
    // Nothing is known about a listed user's other attributes.
    expect(provablyCovered(keys("a"), rules(c("country", "in", "DE")))).toBe(false);
  });

  it("cohorts on different attributes may overlap; contradictory values can't", () => {
    expect(provablyDisjoint(rules(c("country", "in", "US")), rules(c("country", "in", "DE", "FR")))).toBe(true);
    expect(provablyDisjoint(rules(c("country", "in", "US")), mobile)).toBe(false);
    expect(provablyDisjoint(keys("a", "b"), keys("c"))).toBe(true);
    expect(provablyDisjoint(keys("a", "b"), keys("b"))).toBe(false);
  });

  it("agrees with the evaluator on sampled users: covered means every match of the inner matches the outer", () => {
    const definitions: CohortDefinition[] = [
      mobile,
      iosPowerDe,
      rules(c("country", "in", "DE", "FR")),
      rules(c("country", "notIn", "US")),
      rules(c("sessions", "gt", "10")),
      rules(c("sessions", "lt", "60")),
      rules(c("email", "endsWith", "@acme.test")),
      rules(c("email", "contains", "acme")),
      keys("u1", "u2"),
      rules(c("targetingKey", "startsWith", "u")),
    ];
    const contexts = [];
    for (const platform of ["ios", "android", "web", undefined])
      for (const country of ["DE", "US", "FR", undefined])
        for (const sessions of [5, "55", 100])
          for (const email of ["a@acme.test", "b@x.test"])
            for (const targetingKey of ["u1", "u9", "x"])
              contexts.push({ platform, country, sessions, email, targetingKey });
    for (const inner of definitions)
      for (const outer of definitions) {
        const [matchInner, matchOuter] = [compileCohort(inner), compileCohort(outer)];
        if (provablyCovered(inner, outer))
          for (const context of contexts) if (matchInner(context)) expect(matchOuter(context)).toBe(true);
        if (provablyDisjoint(inner, outer))
          for (const context of contexts) expect(matchInner(context) && matchOuter(context)).toBe(false);
      }
  });
});

describe("contradiction", () => {
  it("finds two conditions no user satisfies together", () => {
    const [a, b] = [c("country", "in", "DE"), c("country", "in", "FR")];
    expect(contradiction(rules(a, c("platform", "in", "ios"), b))).toEqual([a, b]);
    expect(contradiction(rules(c("age", "gt", "18"), c("age", "lt", "65")))).toBeNull();
  });
});

describe("coveringCohorts", () => {
  const ios = { key: "ios", definition: rules(c("platform", "in", "ios")) };
  const android = { key: "android", definition: rules(c("platform", "in", "android")) };

  it("splits a listed condition value by value across several cohorts", () => {
    expect(coveringCohorts(mobile, [ios, android])).toEqual({ by: [ios, android], together: true });
    expect(coveringCohorts(rules(c("platform", "in", "ios", "web")), [ios, android])).toBeNull();
  });

  it("covers a key list key by key", () => {
    const staff = { key: "staff", definition: keys("a", "b") };
    const qa = { key: "qa", definition: rules(c("targetingKey", "startsWith", "qa-")) };
    expect(coveringCohorts(keys("a", "qa-7"), [staff, qa])).toEqual({ by: [staff, qa], together: true });
    expect(coveringCohorts(keys("a", "z"), [staff, qa])).toBeNull();
  });
});

describe("analyseCohortOrder", () => {
  const order = [
    { key: "staff", definition: rules(c("email", "endsWith", "@acme.test")) },
    { key: "us", definition: rules(c("country", "in", "US")) },
    { key: "eu", definition: rules(c("country", "in", "FR", "AT")) },
    { key: "mobile", definition: mobile },
    { key: "ios-power-de", definition: iosPowerDe },
    { key: "broken", definition: rules(c("country", "in", "DE"), c("country", "in", "US")) },
    { key: "corrupt", definition: null },
  ];
  const findings = analyseCohortOrder(order);
  const byKey = new Map(findings.map((f) => [f.key, f]));

  it("a cohort inside a broader one above it never matches", () => {
    expect(byKey.get("ios-power-de")).toEqual({
      key: "ios-power-de",
      neverMatches: { reason: "covered", by: ["mobile"], together: false },
      mayShareWith: [],
    });
  });

  it("overlaps are only claimed where rules don't rule them out, and only with cohorts above", () => {
    expect(byKey.get("staff")?.mayShareWith).toEqual([]);
    expect(byKey.get("eu")?.mayShareWith).toEqual(["staff"]);
    expect(byKey.get("mobile")?.mayShareWith).toEqual(["staff", "us", "eu"]);
  });

  it("names every cohort above that alone catches all of it", () => {
    const [finding] = analyseCohortOrder([
      { key: "eu", definition: rules(c("country", "in", "DE", "FR")) },
      { key: "mobile", definition: mobile },
      { key: "ios-power-de", definition: iosPowerDe },
    ]).slice(-1);
    expect(finding?.neverMatches).toEqual({ reason: "covered", by: ["eu", "mobile"], together: false });
    expect(
      describeCohortFinding(finding!, (k) => ({ eu: "EU shoppers", mobile: "Mobile app users" })[k] ?? k)[0]?.text,
    ).toBe(
      "Never matches: everyone it would match is already in each of EU shoppers and Mobile app users above it, and a user belongs to the first cohort that matches.",
    );
  });

  it("a cohort whose own conditions conflict never matches, and nobody is compared with it", () => {
    expect(byKey.get("broken")?.neverMatches?.reason).toBe("contradiction");
    expect(byKey.get("corrupt")).toEqual({ key: "corrupt", neverMatches: null, mayShareWith: [] });
  });

  it("says it in words: a proof is a warning, a possibility a note", () => {
    const names: Record<string, string> = { mobile: "Mobile app users", staff: "Staff", us: "US", eu: "EU" };
    const nameOf = (key: string) => names[key] ?? key;
    expect(describeCohortFinding(byKey.get("ios-power-de")!, nameOf)).toEqual([
      {
        tone: "warning",
        text: "Never matches: everyone it would match is already in Mobile app users above it, and a user belongs to the first cohort that matches.",
      },
    ]);
    expect(describeCohortFinding(byKey.get("mobile")!, nameOf)).toEqual([
      {
        tone: "note",
        text: "May overlap with Staff, US and EU above it: users matching both belong to the cohort above.",
      },
    ]);
    expect(describeCohortFinding(byKey.get("broken")!, nameOf)[0]?.text).toBe(
      "Never matches: no user can have both “country is DE” and “country is US”.",
    );
  });
});
