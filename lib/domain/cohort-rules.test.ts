import { describe, expect, it } from "vitest";
import {
  OPERATORS,
  OPERATOR_LABELS,
  cohortDefinitionSchema,
  countTargetingKeys,
  describeCondition,
  describeDefinition,
  parseDecimal,
  parseVersion,
  type CohortDefinition,
  type Condition,
  type Operator,
} from "./cohort-rules";

function rules(...conditions: unknown[]) {
  return { kind: "rules", conditions };
}

function cond(operator: Operator, values: unknown[], attribute: unknown = "attr"): unknown {
  return { attribute, operator, values };
}

function issues(input: unknown) {
  const result = cohortDefinitionSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({ path: issue.path, message: issue.message }));
}

function firstIssue(input: unknown) {
  const [issue] = issues(input);
  if (!issue) throw new Error("expected a validation issue");
  return issue;
}

describe("cohortDefinitionSchema: valid definitions", () => {
  it.each<[Operator, string[]]>([
    ["in", ["EU", "UK"]],
    ["notIn", ["US"]],
    ["startsWith", ["user-"]],
    ["endsWith", ["@acme.com", "@acme.org"]],
    ["contains", ["beta"]],
    ["matches", ["^[a-z]+@acme\\.com$"]],
    ["matches", ["^(foo|bar)$"]], // alternation that isn't repeated
    ["matches", ["^[|()*+]+$"]], // metacharacters inside a class are literals
    ["semverGte", ["2.3.0"]],
    ["semverGte", ["v2.3.0"]],
    ["semverLt", ["3.0.0-beta.1"]],
    ["gt", ["18"]],
    ["lt", ["-3.5"]],
    ["gt", ["1e3"]],
  ])("accepts %s %j", (operator, values) => {
    const parsed = cohortDefinitionSchema.parse(rules(cond(operator, values)));
    expect(parsed).toEqual({ kind: "rules", conditions: [{ attribute: "attr", operator, values }] });
  });

  it("produces a CohortDefinition and trims values", () => {
    const parsed: CohortDefinition = cohortDefinitionSchema.parse(rules(cond("in", [" EU ", "UK"], "country")));
    expect(parsed).toEqual(rules({ attribute: "country", operator: "in", values: ["EU", "UK"] }));
  });

  it.each(["targetingKey", "country", "_private", "app.version", "x-tenant", "a".repeat(64)])(
    "accepts attribute name %j",
    (attribute) => {
      expect(issues(rules(cond("in", ["x"], attribute)))).toEqual([]);
    },
  );

  it("accepts 50 conditions and 500 values", () => {
    const many = Array.from({ length: 50 }, () => cond("in", ["x"]));
    expect(issues(rules(...many))).toEqual([]);
    const values = Array.from({ length: 500 }, (_, i) => `v${i}`);
    expect(issues(rules(cond("in", values)))).toEqual([]);
  });

  it("accepts key lists, trimming and removing duplicates", () => {
    const parsed = cohortDefinitionSchema.parse({
      kind: "keys",
      targetingKeys: ["alice", "bob", " alice ", "carol", "bob"],
    });
    expect(parsed).toEqual({ kind: "keys", targetingKeys: ["alice", "bob", "carol"] });
    const tenThousand = Array.from({ length: 10_000 }, (_, i) => `user-${i}`);
    expect(issues({ kind: "keys", targetingKeys: tenThousand })).toEqual([]);
  });
});

describe("cohortDefinitionSchema: rejections name the field", () => {
  it.each([
    [
      "(a)\\1",
      "Invalid regular expression: invalid escape sequence: `\\1` (RE2 syntax: backreferences and lookaround aren't supported)",
    ],
    [
      "(?<w>a)\\k<w>",
      "Invalid regular expression: invalid escape sequence: `\\k` (RE2 syntax: backreferences and lookaround aren't supported)",
    ],
    [
      "^(?=a)",
      "Invalid regular expression: invalid or unsupported Perl syntax: `(?=` (RE2 syntax: backreferences and lookaround aren't supported)",
    ],
    ["x{1001}", "Invalid regular expression: invalid repeat count: `{1001}`"],
    ["[\\p{L}\\p{N}]{500}", "Invalid regular expression: is too complex (lower the repetition counts, e.g. {500})"],
    ["a".repeat(201), "Regular expression must be at most 200 characters"],
  ])("rejects regex %j", (pattern, message) => {
    expect(firstIssue(rules(cond("in", ["ok"]), cond("matches", [pattern])))).toEqual({
      path: ["conditions", 1, "values", 0],
      message,
    });
  });

  it("rejects a malformed regex with the engine's reason", () => {
    expect(firstIssue(rules(cond("matches", ["([a-z"])))).toEqual({
      path: ["conditions", 0, "values", 0],
      message: "Invalid regular expression: missing closing ]: `[a-z`",
    });
  });

  // These backtrack catastrophically in a backtracking engine; RE2 runs them in linear time,
  // so they are ordinary patterns now.
  it.each(["(a+)+$", "^(\\w+\\s?)*$", "(a|aa)*b", ".*.*.*.*b", "a*a*a*a*a*a*b", "^.*a.*a.*a.*a.*b"])(
    "accepts %j",
    (pattern) => {
      expect(issues(rules(cond("matches", [pattern])))).toEqual([]);
    },
  );

  it.each<[Operator, string, string]>([
    ["gt", "abc", "Value must be a number, e.g. 42 or 3.5"],
    ["lt", "0x10", "Value must be a number, e.g. 42 or 3.5"],
    ["gt", "Infinity", "Value must be a number, e.g. 42 or 3.5"],
    ["semverGte", "2.3", "Value must be a semantic version, e.g. 2.3.0"],
    ["semverLt", "latest", "Value must be a semantic version, e.g. 2.3.0"],
    ["semverLt", "=1.2.3", "Value must be a semantic version, e.g. 2.3.0"],
  ])("rejects %s %j", (operator, value, message) => {
    expect(firstIssue(rules(cond(operator, [value])))).toEqual({
      path: ["conditions", 0, "values", 0],
      message,
    });
  });

  it.each<Operator>(["matches", "semverGte", "semverLt", "gt", "lt"])(
    "requires exactly one value for %s",
    (operator) => {
      expect(firstIssue(rules(cond(operator, ["1.0.0", "2.0.0"])))).toEqual({
        path: ["conditions", 0, "values"],
        message: `"${OPERATOR_LABELS[operator]}" takes exactly one value`,
      });
    },
  );

  it("rejects empty and oversized values", () => {
    expect(firstIssue(rules(cond("in", [])))).toEqual({
      path: ["conditions", 0, "values"],
      message: "Add at least one value",
    });
    expect(firstIssue(rules(cond("in", ["ok", "   "])))).toEqual({
      path: ["conditions", 0, "values", 1],
      message: "Value can't be empty",
    });
    expect(firstIssue(rules(cond("contains", ["x".repeat(257)])))).toEqual({
      path: ["conditions", 0, "values", 0],
      message: "Value must be at most 256 characters",
    });
    const tooMany = Array.from({ length: 501 }, (_, i) => `v${i}`);
    expect(firstIssue(rules(cond("in", tooMany))).path).toEqual(["conditions", 0, "values"]);
  });

  it.each(["", "1country", "country code", "a/b", "ünicode", "a".repeat(65)])(
    "rejects attribute name %j",
    (attribute) => {
      expect(firstIssue(rules(cond("in", ["x"], attribute))).path).toEqual(["conditions", 0, "attribute"]);
    },
  );

  it("rejects unknown operators, condition counts and kinds", () => {
    expect(firstIssue(rules(cond("equals" as Operator, ["x"]))).path).toEqual(["conditions", 0, "operator"]);
    expect(firstIssue(rules())).toEqual({ path: ["conditions"], message: "Add at least one condition" });
    const tooMany = Array.from({ length: 51 }, () => cond("in", ["x"]));
    expect(firstIssue(rules(...tooMany)).path).toEqual(["conditions"]);
    expect(issues({ kind: "segment", conditions: [] })).not.toEqual([]);
  });

  it("rejects bad key lists", () => {
    expect(firstIssue({ kind: "keys", targetingKeys: [] }).path).toEqual(["targetingKeys"]);
    expect(firstIssue({ kind: "keys", targetingKeys: ["a", " "] })).toEqual({
      path: ["targetingKeys", 1],
      message: "Targeting key can't be empty",
    });
    expect(firstIssue({ kind: "keys", targetingKeys: ["k".repeat(257)] }).path).toEqual(["targetingKeys", 0]);
    const tooMany = Array.from({ length: 10_001 }, (_, i) => `user-${i}`);
    expect(firstIssue({ kind: "keys", targetingKeys: tooMany }).path).toEqual(["targetingKeys"]);
  });
});

describe("parseDecimal / parseVersion", () => {
  it("parses plain decimals only", () => {
    expect(parseDecimal(" 42 ")).toBe(42);
    expect(parseDecimal("-3.5")).toBe(-3.5);
    expect(parseDecimal("2e2")).toBe(200);
    for (const bad of ["", "abc", "0x10", "Infinity", "1e999", "1,5"]) expect(parseDecimal(bad)).toBeNull();
  });

  it("parses strict semver with an optional leading v", () => {
    expect(parseVersion("v1.2.3")?.version).toBe("1.2.3");
    expect(parseVersion("1.2.3-rc.1")?.version).toBe("1.2.3-rc.1");
    for (const bad of ["1.2", "=1.2.3", " 1.2.3", "vv1.2.3", "x"]) expect(parseVersion(bad)).toBeNull();
  });
});

describe("describeCondition", () => {
  const c = (attribute: string, operator: Operator, values: string[]): Condition => ({
    attribute,
    operator,
    values,
  });

  it.each<[Condition, string]>([
    [c("country", "in", ["DE"]), "country is DE"],
    [c("country", "in", ["EU", "UK"]), "country is one of EU or UK"],
    [c("country", "notIn", ["US"]), "country is not US"],
    [c("country", "notIn", ["US", "CA"]), "country is none of US or CA"],
    [c("appVersion", "semverGte", ["2.3.0"]), "appVersion is version 2.3.0 or later"],
    [c("appVersion", "semverLt", ["3.0.0"]), "appVersion is a version before 3.0.0"],
    [c("email", "endsWith", ["@acme.com"]), "email ends with @acme.com"],
    [c("email", "endsWith", ["@acme.com", "@acme.org"]), "email ends with @acme.com or @acme.org"],
    [c("plan", "startsWith", ["pro"]), "plan starts with pro"],
    [c("ua", "contains", ["Mobile"]), "ua contains Mobile"],
    [c("email", "matches", ["^[a-z]+$"]), "email matches the pattern /^[a-z]+$/"],
    [c("age", "gt", ["18"]), "age is more than 18"],
    [c("age", "lt", ["65"]), "age is less than 65"],
    [c("targetingKey", "startsWith", ["zz-"]), "targeting key starts with zz-"],
    [c("id", "in", ["1", "2", "3", "4", "5", "6", "7"]), "id is one of 1, 2, 3, 4, 5 and 2 more"],
  ])("describes %j", (condition, text) => {
    expect(describeCondition(condition)).toBe(text);
  });

  it("describes key lists with the right plural", () => {
    expect(describeDefinition({ kind: "keys", targetingKeys: ["a"] })).toBe("targeting key is a");
    expect(describeDefinition({ kind: "keys", targetingKeys: ["a", "b"] })).toBe("targeting key is one of a or b");
    const many = Array.from({ length: 1201 }, (_, i) => `k${i}`);
    expect(describeDefinition({ kind: "keys", targetingKeys: many })).toBe("1,201 listed targeting keys");
    expect(countTargetingKeys(1)).toBe("1 listed targeting key");
  });

  it("has a label for every operator", () => {
    for (const operator of OPERATORS) expect(OPERATOR_LABELS[operator]).toMatch(/\S/);
  });
});
