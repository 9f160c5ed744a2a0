import { describe, expect, it } from "vitest";
import { cohortChangeFlows, cohortFlows, editDirection, matchesEveryone } from "./cohort-reach";
import type { CohortDefinition, Condition } from "./cohort-rules";

const rules = (...conditions: Condition[]): CohortDefinition => ({ kind: "rules", conditions });
const c = (attribute: string, operator: Condition["operator"], values: string[]): Condition => ({
  attribute,
  operator,
  values,
});
const keys = (...targetingKeys: string[]): CohortDefinition => ({ kind: "keys", targetingKeys });

describe("cohortFlows", () => {
  const order = ["staff", "beta", "mobile"];

  it("an edit moves users between the cohort and those after it (and everyone else), never those before", () => {
    expect(cohortFlows(order, { kind: "rules", cohortKey: "beta", widens: true, narrows: false })).toEqual([
      { from: "mobile", to: "beta" },
      { from: "default", to: "beta" },
    ]);
    expect(cohortFlows(order, { kind: "rules", cohortKey: "beta", widens: false, narrows: true })).toEqual([
      { from: "beta", to: "mobile" },
      { from: "beta", to: "default" },
    ]);
    expect(cohortFlows(order, { kind: "rules", cohortKey: "mobile", widens: true, narrows: true })).toEqual([
      { from: "default", to: "mobile" },
      { from: "mobile", to: "default" },
    ]);
  });

  it("a swap moves the users of both from the upper to the lower; archiving lets them fall through", () => {
    expect(cohortFlows(order, { kind: "swap", upper: "staff", lower: "beta" })).toEqual([
      { from: "staff", to: "beta" },
    ]);
    expect(cohortFlows(order, { kind: "archive", cohortKey: "mobile" })).toEqual([{ from: "mobile", to: "default" }]);
  });
});

describe("editDirection", () => {
  it("key lists: exactly the keys added widen, the keys removed narrow", () => {
    expect(editDirection(keys("a"), keys("a", "b"))).toEqual({ widens: true, narrows: false });
    expect(editDirection(keys("a", "b"), keys("a"))).toEqual({ widens: false, narrows: true });
    expect(editDirection(keys("a", "b"), keys("b", "a"))).toEqual({ widens: false, narrows: false });
  });

  it("rules: adding a condition narrows, removing widens, changing one does both", () => {
    const country = c("country", "in", ["DE", "FR"]);
    const app = c("platform", "in", ["ios"]);
    expect(editDirection(rules(country), rules(country, app))).toEqual({ widens: false, narrows: true });
    expect(editDirection(rules(country, app), rules(app))).toEqual({ widens: true, narrows: false });
    expect(editDirection(rules(country), rules(c("country", "in", ["FR", "DE"])))).toEqual({
      widens: false,
      narrows: false,
    });
    expect(editDirection(rules(country), rules(c("country", "in", ["DE", "FR", "IT"])))).toEqual({
      widens: true,
      narrows: true,
    });
  });

  it("switching between a key list and rules may do both (the issue's keys → startsWith)", () => {
    expect(editDirection(keys("zz-1"), rules(c("targetingKey", "startsWith", ["zz-"])))).toEqual({
      widens: true,
      narrows: true,
    });
  });
});

describe("matchesEveryone", () => {
  it.each([
    [rules(c("targetingKey", "notIn", ["nobody"])), true],
    [rules(c("targetingKey", "matches", [".*"])), true],
    [rules(c("targetingKey", "matches", ["^"])), true],
    [rules(c("targetingKey", "matches", ["x?"])), true],
    [rules(c("targetingKey", "matches", ["."])), false],
    [rules(c("targetingKey", "matches", ["^[a-z]"])), false],
    [rules(c("targetingKey", "startsWith", ["zz-"])), false],
    [rules(c("country", "notIn", ["XX"])), false],
    [rules(c("targetingKey", "notIn", ["a"]), c("country", "in", ["DE"])), false],
    [keys("a"), false],
  ])("%j → %s", (definition, expected) => {
    expect(matchesEveryone(definition)).toBe(expected);
  });
});

describe("cohortChangeFlows", () => {
  const cohorts = [
    { key: "mobile", definition: rules(c("platform", "in", ["ios", "android"])) },
    { key: "us", definition: rules(c("country", "in", ["US"])) },
    { key: "de", definition: rules(c("country", "in", ["DE"])) },
    { key: "ios-de", definition: rules(c("platform", "in", ["ios"]), c("country", "in", ["DE"])) },
  ];

  it("a swap of cohorts no user can share moves nobody; one of cohorts that may share moves users down", () => {
    expect(cohortChangeFlows(cohorts, { kind: "swap", upper: "us", lower: "de" })).toEqual([]);
    expect(cohortChangeFlows(cohorts, { kind: "swap", upper: "mobile", lower: "us" })).toEqual([
      { from: "mobile", to: "us" },
    ]);
  });

  it("a cohort only the edited one covered can receive users when it narrows", () => {
    const order = [
      { key: "mobile", definition: rules(c("platform", "in", ["ios", "android"])) },
      { key: "ios-de", definition: rules(c("platform", "in", ["ios"]), c("country", "in", ["DE"])) },
    ];
    expect(
      cohortChangeFlows(order, { kind: "rules", cohortKey: "mobile", after: rules(c("platform", "in", ["android"])) }),
    ).toEqual([
      { from: "mobile", to: "ios-de" },
      { from: "mobile", to: "default" },
    ]);
    // Moving it above the cohort that hid it makes it catch users.
    expect(cohortChangeFlows(order, { kind: "swap", upper: "mobile", lower: "ios-de" })).toEqual([
      { from: "mobile", to: "ios-de" },
    ]);
  });

  it("a cohort that cohorts above already catch moves nobody when moved, edited or archived", () => {
    expect(cohortChangeFlows(cohorts, { kind: "swap", upper: "de", lower: "ios-de" })).toEqual([]);
    expect(cohortChangeFlows(cohorts, { kind: "archive", cohortKey: "ios-de" })).toEqual([]);
    expect(
      cohortChangeFlows(cohorts, {
        kind: "rules",
        cohortKey: "ios-de",
        after: rules(c("platform", "in", ["android"]), c("country", "in", ["DE"])),
      }),
    ).toEqual([]);
  });

  it("widening only adds, narrowing only removes, and cohorts no user can share are left out", () => {
    expect(
      cohortChangeFlows(cohorts, { kind: "rules", cohortKey: "us", after: rules(c("country", "in", ["US", "CA"])) }),
    ).toEqual([
      // de and ios-de (country DE) can't hold a user with country US or CA.
      { from: "default", to: "us" },
    ]);
    expect(
      cohortChangeFlows(cohorts, { kind: "rules", cohortKey: "mobile", after: rules(c("platform", "in", ["ios"])) }),
    ).toEqual([
      { from: "mobile", to: "us" },
      { from: "mobile", to: "de" },
      // ios-de never matches (de above catches all of it): nobody lands there.
      { from: "mobile", to: "default" },
    ]);
  });
});
