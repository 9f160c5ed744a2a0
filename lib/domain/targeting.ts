import { parseDecimal, parseVersion, type CohortDefinition, type Condition } from "./cohort-rules";
import { compileUserPattern } from "./user-pattern";

export type EvaluationContext = { targetingKey?: string; [attribute: string]: unknown };
export type CohortMatcher = (context: EvaluationContext) => boolean;

type Predicate = (value: string | number) => boolean;

/** Bounds regex work per evaluation regardless of how large a context value is. */
export const MAX_MATCHED_LENGTH = 1024;

const never: CohortMatcher = () => false;

/**
 * Compiles a cohort definition into a fast matcher. Everything that can be prepared once
 * (sets, RE2 patterns, parsed numbers and versions) is prepared here, not per evaluation.
 *
 * Never throws: definitions are validated with cohortDefinitionSchema on save, and a bad
 * one slipping through from storage must not break evaluation of every other release, so
 * a condition that can't be compiled matches nobody (fail closed), as does a rules cohort
 * with no conditions.
 */
export function compileCohort(def: CohortDefinition): CohortMatcher {
  if (def.kind === "keys") {
    const keys = new Set(def.targetingKeys);
    return (context) => typeof context.targetingKey === "string" && keys.has(context.targetingKey);
  }
  if (def.conditions.length === 0) return never;
  const matchers = def.conditions.map(compileCondition);
  if (matchers.length === 1) return matchers[0] ?? never;
  return (context) => {
    for (const matcher of matchers) if (!matcher(context)) return false;
    return true;
  };
}

function compileCondition(condition: Condition): CohortMatcher {
  const predicate = compilePredicate(condition);
  if (!predicate) return never;
  const { attribute } = condition;
  // A missing (or non-primitive) attribute fails every operator, notIn included: "country
  // not in [US]" should not sweep in users whose country we don't know, since exposure to
  // an unfinished release is the costly mistake. Dotted names are plain keys, not paths.
  return (context) => {
    const raw = context[attribute];
    if (typeof raw === "string" || typeof raw === "number") return predicate(raw);
    if (typeof raw === "boolean" || typeof raw === "bigint") return predicate(String(raw));
    return false;
  };
}

function compilePredicate({ operator, values }: Condition): Predicate | null {
  switch (operator) {
    case "in": {
      const set = new Set(values);
      return (v) => set.has(String(v));
    }
    case "notIn": {
      const set = new Set(values);
      return (v) => !set.has(String(v));
    }
    // Several values for a string operator mean "any of them".
    case "startsWith":
      return anyOf(values, (s, needle) => s.startsWith(needle));
    case "endsWith":
      return anyOf(values, (s, needle) => s.endsWith(needle));
    case "contains":
      return anyOf(values, (s, needle) => s.includes(needle));
    case "matches":
      return compileRegex(values[0]);
    case "gt":
    case "lt": {
      const bound = values[0] === undefined ? null : parseDecimal(values[0]);
      if (bound === null) return null;
      return operator === "gt"
        ? (v) => {
            const n = toNumber(v);
            return n !== null && n > bound;
          }
        : (v) => {
            const n = toNumber(v);
            return n !== null && n < bound;
          };
    }
    case "semverGte":
    case "semverLt": {
      const bound = values[0] === undefined ? null : parseVersion(values[0]);
      if (bound === null) return null;
      const wantGte = operator === "semverGte";
      return (v) => {
        const version = typeof v === "string" ? parseVersion(v) : null;
        return version !== null && version.compare(bound) >= 0 === wantGte;
      };
    }
  }
}

function anyOf(needles: string[], test: (s: string, needle: string) => boolean): Predicate {
  if (needles.length === 1) {
    const needle = needles[0] ?? "";
    return (v) => test(String(v), needle);
  }
  return (v) => {
    const s = String(v);
    for (const needle of needles) if (test(s, needle)) return true;
    return false;
  };
}

function compileRegex(source: string | undefined): Predicate | null {
  if (source === undefined) return null;
  const compiled = compileUserPattern(source);
  if (!compiled.ok) return null;
  const { pattern } = compiled;
  return (v) => {
    const s = String(v);
    return pattern.test(s.length > MAX_MATCHED_LENGTH ? s.slice(0, MAX_MATCHED_LENGTH) : s);
  };
}

function toNumber(v: string | number): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  return parseDecimal(v);
}
