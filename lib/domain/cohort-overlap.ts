import { parseDecimal, parseVersion, type CohortDefinition, type Condition } from "./cohort-rules";
import { compileCohort, type CohortMatcher } from "./targeting";

/**
 * What can be proven about two cohorts' rules without seeing any user: that no user can match
 * both (disjoint), or that every user one matches the other matches too (covered). Anything
 * else is "may overlap": users matching both can exist, but whether any do depends on the
 * traffic, which rules alone can't tell. Proofs only use facts that hold for every context the
 * evaluator could see (values are compared as the real matcher compares them), so a "never
 * matches" warning is never wrong; a cohort we can't prove anything about gets no claim.
 */

/** A key list is the rule "targetingKey is one of the keys". */
export function conditionsOf(definition: CohortDefinition): readonly Condition[] {
  return definition.kind === "keys"
    ? [{ attribute: "targetingKey", operator: "in", values: definition.targetingKeys }]
    : definition.conditions;
}

const compiled = new WeakMap<Condition, CohortMatcher>();

/** Whether `value` (as a context would carry it) satisfies `condition`, by the evaluator's own matcher. */
function satisfies(condition: Condition, value: string): boolean {
  let matcher = compiled.get(condition);
  if (!matcher) {
    matcher = compileCohort({ kind: "rules", conditions: [condition] });
    compiled.set(condition, matcher);
  }
  return matcher({ [condition.attribute]: value });
}

function sameCondition(a: Condition, b: Condition): boolean {
  if (a.attribute !== b.attribute || a.operator !== b.operator || a.values.length !== b.values.length) return false;
  const values = new Set(a.values);
  return b.values.every((v) => values.has(v));
}

function compareNumbers(a: string | undefined, b: string | undefined): number | null {
  const x = a === undefined ? null : parseDecimal(a);
  const y = b === undefined ? null : parseDecimal(b);
  return x === null || y === null ? null : x - y;
}

function compareVersions(a: string | undefined, b: string | undefined): number | null {
  const x = a === undefined ? null : parseVersion(a);
  const y = b === undefined ? null : parseVersion(b);
  return x === null || y === null ? null : x.compare(y);
}

const STRING_TESTS = {
  startsWith: (s: string, needle: string) => s.startsWith(needle),
  endsWith: (s: string, needle: string) => s.endsWith(needle),
  contains: (s: string, needle: string) => s.includes(needle),
} as const;

/** Every value that satisfies `b` satisfies `a` (same attribute). */
export function conditionImplies(b: Condition, a: Condition): boolean {
  if (b.attribute !== a.attribute) return false;
  if (sameCondition(a, b)) return true;
  // A listed value is one concrete string: ask the real matcher.
  if (b.operator === "in") return b.values.every((v) => satisfies(a, v));
  const [x, y] = [b.values[0], a.values[0]];
  switch (b.operator) {
    case "notIn":
      // Everything but W is inside everything but W' when W' ⊆ W.
      return a.operator === "notIn" && a.values.every((v) => b.values.includes(v));
    case "startsWith":
    case "endsWith":
    case "contains": {
      // A value starting with "abc" contains "abc", so it starts with/contains whatever "abc" does.
      if (a.operator !== b.operator && a.operator !== "contains") return false;
      const test = STRING_TESTS[a.operator as keyof typeof STRING_TESTS];
      return b.values.every((mine) => a.values.some((theirs) => test(mine, theirs)));
    }
    case "gt":
      return a.operator === "gt" && (compareNumbers(x, y) ?? -1) >= 0;
    case "lt":
      return a.operator === "lt" && (compareNumbers(x, y) ?? 1) <= 0;
    case "semverGte":
      return a.operator === "semverGte" && (compareVersions(x, y) ?? -1) >= 0;
    case "semverLt":
      return a.operator === "semverLt" && (compareVersions(x, y) ?? 1) <= 0;
    case "matches":
      return false;
  }
}

/** No value satisfies both `a` and `b`. */
export function conditionsConflict(a: Condition, b: Condition): boolean {
  if (a.attribute !== b.attribute) return false;
  if (a.operator === "in") return !a.values.some((v) => satisfies(b, v));
  if (b.operator === "in") return !b.values.some((v) => satisfies(a, v));
  if (a.operator === b.operator && (a.operator === "startsWith" || a.operator === "endsWith")) {
    const test = STRING_TESTS[a.operator];
    return a.values.every((p) => b.values.every((q) => !test(p, q) && !test(q, p)));
  }
  const pair = (lower: Condition, upper: Condition) =>
    (lower.operator === "gt" &&
      upper.operator === "lt" &&
      (compareNumbers(lower.values[0], upper.values[0]) ?? -1) >= 0) ||
    (lower.operator === "semverGte" &&
      upper.operator === "semverLt" &&
      (compareVersions(lower.values[0], upper.values[0]) ?? -1) >= 0);
  return pair(a, b) || pair(b, a);
}

/** Two conditions of the cohort that no user can satisfy together, if any: it then matches nobody. */
export function contradiction(definition: CohortDefinition): [Condition, Condition] | null {
  const conditions = conditionsOf(definition);
  for (let i = 0; i < conditions.length; i++)
    for (let j = i + 1; j < conditions.length; j++)
      if (conditionsConflict(conditions[i]!, conditions[j]!)) return [conditions[i]!, conditions[j]!];
  return null;
}

/** No user can match both. */
export function provablyDisjoint(a: CohortDefinition, b: CohortDefinition): boolean {
  const ours = conditionsOf(a);
  const theirs = conditionsOf(b);
  return ours.some((x) => theirs.some((y) => conditionsConflict(x, y)));
}

/** Every user `inner` matches, `outer` matches too: each of outer's conditions follows from one of inner's. */
export function provablyCovered(inner: CohortDefinition, outer: CohortDefinition): boolean {
  const ours = conditionsOf(inner);
  return conditionsOf(outer).every((a) => ours.some((b) => conditionImplies(b, a)));
}

function coveredByConditions(inner: readonly Condition[], outer: CohortDefinition): boolean {
  return conditionsOf(outer).every((a) => inner.some((b) => conditionImplies(b, a)));
}

// Splitting a list into its values costs values × cohorts checks; past this it stays unproven.
const MAX_SPLIT_VALUES = 10_000;

/**
 * The cohorts in `above` that catch everyone `definition` matches, or null when that can't be
 * proven: every cohort that covers it whole (each alone), or else, splitting a listed condition
 * ("platform is ios or android", a key list) value by value, the cohorts that cover the values
 * between them ("ios" by one, "android" by another).
 */
export function coveringCohorts<C extends { definition: CohortDefinition }>(
  definition: CohortDefinition,
  above: readonly C[],
): { by: C[]; together: boolean } | null {
  const whole = above.filter((c) => provablyCovered(definition, c.definition));
  if (whole.length) return { by: whole, together: false };
  const conditions = conditionsOf(definition);
  const split = conditions.findIndex((c) => c.operator === "in" && c.values.length > 1);
  if (split < 0) return null;
  const list = conditions[split]!;
  if (list.values.length > MAX_SPLIT_VALUES) return null;
  const used = new Set<C>();
  for (const value of list.values) {
    const piece = conditions.map((c, i) => (i === split ? { ...list, values: [value] } : c));
    const cover = above.find((c) => coveredByConditions(piece, c.definition));
    if (!cover) return null;
    used.add(cover);
  }
  return { by: above.filter((c) => used.has(c)), together: true };
}

export type NeverMatches =
  | { reason: "contradiction"; conditions: [Condition, Condition] }
  /** `together`: only all of `by` between them catch everyone; otherwise each one alone does. */
  | { reason: "covered"; by: string[]; together: boolean };

export type CohortFinding = {
  key: string;
  /** Proven: no user ever lands in this cohort. */
  neverMatches: NeverMatches | null;
  /** Cohorts above it that users of this one may also match (not proven apart): those users go there. */
  mayShareWith: string[];
};

type Ordered = { key: string; definition: CohortDefinition | null };

/** Each cohort of the team's order (by priority) checked against the cohorts above it. */
export function analyseCohortOrder(cohorts: readonly Ordered[]): CohortFinding[] {
  const live: { key: string; definition: CohortDefinition }[] = [];
  return cohorts.map(({ key, definition }) => {
    if (!definition) return { key, neverMatches: null, mayShareWith: [] };
    const conflict = contradiction(definition);
    if (conflict) return { key, neverMatches: { reason: "contradiction", conditions: conflict }, mayShareWith: [] };
    const cover = coveringCohorts(definition, live);
    const finding: CohortFinding = cover
      ? {
          key,
          neverMatches: { reason: "covered", by: cover.by.map((c) => c.key), together: cover.together },
          mayShareWith: [],
        }
      : {
          key,
          neverMatches: null,
          mayShareWith: live.filter((c) => !provablyDisjoint(definition, c.definition)).map((c) => c.key),
        };
    // A cohort that never matches catches nobody, so it covers and overlaps nobody below it.
    if (!finding.neverMatches) live.push({ key, definition });
    return finding;
  });
}
