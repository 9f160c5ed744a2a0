import type { CohortDefinition, Condition } from "./cohort-rules";
import { DEFAULT_COHORT_KEY } from "./evaluate";
import { analyseCohortOrder, coveringCohorts, provablyCovered, provablyDisjoint } from "./cohort-overlap";
import { compileUserPattern } from "./user-pattern";

/**
 * How a change to cohorts moves users between the places a release's percentage comes from:
 * a cohort, or "everyone else" (DEFAULT_COHORT_KEY). A user is in the first cohort by priority
 * that matches, so changing one cohort only moves users between it and the cohorts after it
 * (or everyone else); the cohorts before it keep exactly their users.
 */
export type CohortFlow = { from: string; to: string };

export type CohortChange =
  /** Rules edited: `widens`/`narrows` say which ways users may move (both when unsure). */
  | { kind: "rules"; cohortKey: string; widens: boolean; narrows: boolean }
  /** Two neighbours swap places: users matching both move from the upper to the lower one. */
  | { kind: "swap"; upper: string; lower: string }
  /** The cohort stops matching: its users fall to the cohorts after it. */
  | { kind: "archive"; cohortKey: string };

/** `order`: the team's active cohort keys by priority, before the change. */
export function cohortFlows(order: readonly string[], change: CohortChange): CohortFlow[] {
  if (change.kind === "swap") return [{ from: change.upper, to: change.lower }];
  const index = order.indexOf(change.cohortKey);
  const later = [...order.slice(index + 1), DEFAULT_COHORT_KEY];
  const flows: CohortFlow[] = [];
  const widens = change.kind === "rules" && change.widens;
  const narrows = change.kind === "archive" || change.narrows;
  for (const other of later) {
    if (widens) flows.push({ from: other, to: change.cohortKey });
    if (narrows) flows.push({ from: change.cohortKey, to: other });
  }
  return flows;
}

/**
 * Which ways an edit can move users. All conditions must match, so adding conditions can only
 * narrow a cohort and removing them can only widen it; a key list moves exactly the keys added
 * or removed. Anything else (a changed condition, another kind) may do both.
 */
export function editDirection(
  before: CohortDefinition,
  after: CohortDefinition,
): { widens: boolean; narrows: boolean } {
  if (before.kind === "keys" && after.kind === "keys") {
    const was = new Set(before.targetingKeys);
    const now = new Set(after.targetingKeys);
    return {
      widens: after.targetingKeys.some((k) => !was.has(k)),
      narrows: before.targetingKeys.some((k) => !now.has(k)),
    };
  }
  if (before.kind === "rules" && after.kind === "rules") {
    const was = new Set(before.conditions.map(conditionId));
    const now = new Set(after.conditions.map(conditionId));
    const added = [...now].some((c) => !was.has(c));
    const removed = [...was].some((c) => !now.has(c));
    return { widens: removed, narrows: added };
  }
  return { widens: true, narrows: true };
}

function conditionId(c: Condition): string {
  const values = c.operator === "in" || c.operator === "notIn" ? [...c.values].sort() : c.values;
  return JSON.stringify([c.attribute, c.operator, values]);
}

// Strings of every shape a targeting key takes in practice; a pattern that finds a match in
// all of them (".*", "^", "x?") finds one in any string.
const PROBES = ["", "a", "Z9", "user-123", "é", "a\nb", "ffffffff-ffff-ffff-ffff-ffffffffffff", "!", " "];

/**
 * Whether a cohort lets everyone in (bar a listed few), so the approval policy can judge it as
 * "everyone else". Only `targetingKey` is sure to be present (a missing attribute fails every
 * condition), so only conditions on it can be universal: `notIn` (everyone but the listed keys)
 * or a pattern that matches any string. Rules that happen to cover every user an application
 * sends (say `platform in [ios, android, web]`) can't be told apart from real segments.
 */
export function matchesEveryone(definition: CohortDefinition): boolean {
  if (definition.kind !== "rules" || definition.conditions.length === 0) return false;
  return definition.conditions.every((c) => c.attribute === "targetingKey" && universalCondition(c));
}

function universalCondition(c: Condition): boolean {
  if (c.operator === "notIn") return true;
  if (c.operator !== "matches") return false;
  const compiled = compileUserPattern(c.values[0] ?? "");
  return compiled.ok && PROBES.every((probe) => compiled.pattern.test(probe));
}

type Placed = { key: string; definition: CohortDefinition | null };

export type ProposedCohortChange =
  | { kind: "rules"; cohortKey: string; after: CohortDefinition }
  | { kind: "swap"; upper: string; lower: string }
  | { kind: "archive"; cohortKey: string };

/**
 * cohortFlows narrowed by what the rules prove (lib/domain/cohort-overlap.ts): no flow between
 * cohorts no user can be in both of, no widening when the new rules sit inside the old ones
 * (and no narrowing the other way round). `cohorts`: the team's active cohorts by priority.
 */
export function cohortChangeFlows(cohorts: readonly Placed[], change: ProposedCohortChange): CohortFlow[] {
  const order = cohorts.map((c) => c.key);
  const definitionOf = (key: string) =>
    key === DEFAULT_COHORT_KEY ? null : (cohorts.find((c) => c.key === key)?.definition ?? null);
  const apart = (a: CohortDefinition | null, other: string) => {
    const b = definitionOf(other);
    return a !== null && b !== null && provablyDisjoint(a, b);
  };
  // Users that cohorts above the change's place already catch never reach it.
  const caughtAbove = (definition: CohortDefinition | null, key: string) => {
    if (!definition) return true;
    const above = cohorts
      .slice(0, order.indexOf(key))
      .flatMap((c) => (c.definition ? [{ definition: c.definition }] : []));
    return coveringCohorts(definition, above) !== null;
  };
  if (change.kind === "swap") {
    const upper = definitionOf(change.upper);
    const lower = definitionOf(change.lower);
    if (apart(upper, change.lower) || caughtAbove(upper, change.upper) || caughtAbove(lower, change.upper)) return [];
    return cohortFlows(order, change);
  }
  const before = definitionOf(change.cohortKey);
  // Cohorts that never match even without the changed one (caught whole by others above them)
  // hold nobody, before or after the change: no user moves in or out of them.
  const others = cohorts.filter((c) => c.key !== change.cohortKey);
  const empty = new Set(analyseCohortOrder(others).flatMap((f) => (f.neverMatches ? [f.key] : [])));
  const unreachable = (flow: CohortFlow) => empty.has(flow.from) || empty.has(flow.to);
  if (change.kind === "archive") {
    if (caughtAbove(before, change.cohortKey)) return [];
    return cohortFlows(order, change).filter((f) => !apart(before, f.to) && !unreachable(f));
  }
  // A definition that no longer parses matched nobody: the edit can only widen.
  const direction = before ? editDirection(before, change.after) : { widens: true, narrows: false };
  const widens =
    direction.widens &&
    !(before && provablyCovered(change.after, before)) &&
    !caughtAbove(change.after, change.cohortKey);
  const narrows =
    direction.narrows && !(before && provablyCovered(before, change.after)) && !caughtAbove(before, change.cohortKey);
  if (!widens && !narrows) return [];
  return cohortFlows(order, { kind: "rules", cohortKey: change.cohortKey, widens, narrows }).filter(
    (f) => !unreachable(f) && (f.to === change.cohortKey ? !apart(change.after, f.from) : !apart(before, f.to)),
  );
}
