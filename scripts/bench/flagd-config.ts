// The bench workload expressed as flagd flags, built from the same cohort definitions
// Glidepath compiles, so both evaluators answer the same question.
import type { Condition } from "../../lib/domain/cohort-rules";
import { COHORT_BASIS_POINTS, cohortConditions, DEFAULT_BASIS_POINTS } from "./bench-workload";

export const FLAG_KEY = "new-checkout";
/** A string flag with the same `if` chain, whose variant names the branch taken (checks only). */
export const BRANCH_FLAG_KEY = "new-checkout-branch";
export const COHORT_COUNT = 20;

export const cohortKey = (i: number) => `cohort-${i}`;

function jsonLogic(condition: Condition): unknown {
  const value = condition.values[0]!;
  const variable = { var: condition.attribute };
  switch (condition.operator) {
    case "in":
      return { in: [variable, condition.values] };
    case "semverGte":
      return { sem_ver: [variable, ">=", value] };
    case "gt":
      return { ">": [variable, Number(value)] };
    case "endsWith":
      return { ends_with: [variable, value] };
    case "startsWith":
      return { starts_with: [variable, value] };
    default:
      // Fail loudly rather than benchmark a flag that silently tests something else.
      throw new Error(`bench workload has no flagd form for ${condition.operator}`);
  }
}

// Weights in basis points (total 10,000) mirror Glidepath's `bucket < basisPoints` exactly;
// flagd needs integer weights, and a 12.5% cohort would not be one in percent.
function split(basisPoints: number): unknown {
  return {
    fractional: [
      ["on", basisPoints],
      ["off", 10_000 - basisPoints],
    ],
  };
}

function ifChain(branch: (i: number) => unknown, otherwise: unknown): unknown {
  const args: unknown[] = [];
  for (let i = 0; i < COHORT_COUNT; i++) {
    args.push({ and: cohortConditions(i).map(jsonLogic) }, branch(i));
  }
  args.push(otherwise);
  return { if: args };
}

/** The benchmarked flag: first matching cohort's split, 25% for everyone else. */
export function flagdConfiguration(): string {
  return JSON.stringify({
    flags: {
      [FLAG_KEY]: {
        state: "ENABLED",
        variants: { on: true, off: false },
        defaultVariant: "off",
        targeting: ifChain((i) => split(COHORT_BASIS_POINTS(i)), split(DEFAULT_BASIS_POINTS)),
      },
    },
  });
}

/** Same conditions, but the variant is the cohort key, so branch choice can be compared 1:1. */
export function flagdBranchConfiguration(): string {
  const variants: Record<string, string> = { default: "default" };
  for (let i = 0; i < COHORT_COUNT; i++) variants[cohortKey(i)] = cohortKey(i);
  return JSON.stringify({
    flags: {
      [BRANCH_FLAG_KEY]: {
        state: "ENABLED",
        variants,
        defaultVariant: "default",
        targeting: ifChain(cohortKey, "default"),
      },
    },
  });
}
