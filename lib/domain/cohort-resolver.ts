import type { CohortDefinition } from "./cohort-rules";
import type { CohortMatcher, EvaluationContext } from "./targeting";

/** A necessary condition of a cohort: it can only match when context[attribute] is one of values. */
export type CohortPrefilter = { attribute: string; values: readonly string[] };

/**
 * The `in` condition (or the key list) that every member must satisfy, if the cohort has one.
 * All conditions must hold, so any single `in` condition is a sound prefilter.
 */
export function prefilterOf(definition: CohortDefinition): CohortPrefilter | null {
  if (definition.kind === "keys") return { attribute: "targetingKey", values: definition.targetingKeys };
  const condition = definition.conditions.find((c) => c.operator === "in");
  return condition ? { attribute: condition.attribute, values: condition.values } : null;
}

type Indexed = { key: string; matches: CohortMatcher; prefilter?: CohortPrefilter | null };

function lookupValue(raw: unknown): string | null {
  if (typeof raw === "string") return raw;
  if (typeof raw === "number" || typeof raw === "boolean" || typeof raw === "bigint") return String(raw);
  return null;
}

/**
 * First-match cohort resolution without testing every cohort: cohorts with a prefilter are
 * indexed by attribute value, so a context only tests the cohorts its values could match
 * (plus those without a prefilter), lowest priority index first. Same answer as a linear scan.
 */
export function buildCohortResolver<C extends Indexed>(
  cohorts: readonly C[],
): (context: EvaluationContext) => C | null {
  const unindexed: number[] = [];
  const byAttribute = new Map<string, Map<string, number[]>>();
  cohorts.forEach((cohort, index) => {
    const prefilter = cohort.prefilter;
    if (!prefilter) {
      unindexed.push(index);
      return;
    }
    let values = byAttribute.get(prefilter.attribute);
    if (!values) byAttribute.set(prefilter.attribute, (values = new Map()));
    for (const value of new Set(prefilter.values)) {
      const list = values.get(value);
      if (list) list.push(index);
      else values.set(value, [index]);
    }
  });
  const groups = [...byAttribute.entries()];

  return (context) => {
    let best = Infinity;
    for (const index of unindexed) {
      if (cohorts[index]!.matches(context)) {
        best = index;
        break;
      }
    }
    for (const [attribute, values] of groups) {
      const value = lookupValue(context[attribute]);
      if (value === null) continue;
      const candidates = values.get(value);
      if (!candidates) continue;
      for (const index of candidates) {
        if (index >= best) break;
        if (cohorts[index]!.matches(context)) {
          best = index;
          break;
        }
      }
    }
    return best === Infinity ? null : cohorts[best]!;
  };
}
