import { EVERYONE_ELSE, type PlanStep } from "./plan-types";

export type PlanPercentages = { defaultBasisPoints: number; cohorts: Record<string, number> };

/**
 * The rollout table after step `index`, from the table before the plan: each step's targets
 * applied in order, a key a step leaves out keeping its value.
 */
export function percentagesAtStep(before: PlanPercentages, steps: readonly PlanStep[], index: number): PlanPercentages {
  let table: PlanPercentages = { defaultBasisPoints: before.defaultBasisPoints, cohorts: { ...before.cohorts } };
  for (let i = 0; i <= index && i < steps.length; i++) table = applyTargets(table, steps[i]!.targets);
  return table;
}

function applyTargets(table: PlanPercentages, targets: Record<string, number>): PlanPercentages {
  const cohorts = { ...table.cohorts };
  let defaultBasisPoints = table.defaultBasisPoints;
  for (const [key, value] of Object.entries(targets)) {
    if (key === EVERYONE_ELSE) defaultBasisPoints = value;
    else cohorts[key] = value;
  }
  return { defaultBasisPoints, cohorts };
}

/** What a key serves in a table: its own percentage, or everyone else's when it has none. */
export function servedBasisPoints(table: PlanPercentages, key: string): number {
  if (key === EVERYONE_ELSE) return table.defaultBasisPoints;
  return table.cohorts[key] ?? table.defaultBasisPoints;
}

/**
 * The table after taking `step` from `table`: its targets applied, except cohorts a breach
 * stopped, which stay where they are (0%).
 */
export function applyStep(
  table: PlanPercentages,
  step: Pick<PlanStep, "targets">,
  stopped: readonly string[] = [],
): PlanPercentages {
  const targets = Object.fromEntries(Object.entries(step.targets).filter(([key]) => !stopped.includes(key)));
  return applyTargets(table, targets);
}
