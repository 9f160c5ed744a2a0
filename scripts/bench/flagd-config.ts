// The bench workload expressed as a flagd flag: an `if` chain over the 20 cohorts, each branch
// a `fractional` split at the cohort's percentage, the default branch at 25%.
import type { Condition } from "../../lib/domain/cohort-rules";
import { COHORT_BASIS_POINTS, cohortConditions, DEFAULT_BASIS_POINTS } from "./bench-workload";

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
    default:
      throw new Error(`bench workload has no flagd form for ${condition.operator}`);
  }
}

function split(basisPoints: number): unknown {
  const percent = basisPoints / 100;
  return { fractional: [["on", percent], ["off", 100 - percent]] };
}

export function flagdConfiguration(): string {
  const branches: unknown[] = [];
  for (let i = 0; i < 20; i++) {
    branches.push({ and: cohortConditions(i).map(jsonLogic) }, split(COHORT_BASIS_POINTS(i)));
  }
  branches.push(split(DEFAULT_BASIS_POINTS));
  return JSON.stringify({
    flags: {
      "new-checkout": { state: "ENABLED", variants: { on: true, off: false }, defaultVariant: "off", targeting: { if: branches } },
    },
  });
}
