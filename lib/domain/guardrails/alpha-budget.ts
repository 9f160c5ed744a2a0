/**
 * The plan's false-alarm budget and its split. A plan makes many comparisons (up to ~20 cohorts
 * × 3 metrics), each watched for hours; each comparison's interval is anytime-valid on its own,
 * so Bonferroni over comparisons bounds the chance of any false verdict in the whole plan.
 */

/**
 * The whole plan's chance of any false breach or false healthy, across all its comparisons and
 * all looks: 1 plan in 100 with no real harm may see one. Sample-ratio checks are a family of
 * their own (sampleRatioAlpha); a plan that wants one budget for both gives each half.
 */
export const DEFAULT_PLAN_ALPHA = 0.01;

function checkBudget(alphaTotal: number): void {
  if (!(alphaTotal > 0 && alphaTotal < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alphaTotal}`);
}

function checkCount(name: string, count: number): void {
  if (!(Number.isInteger(count) && count >= 1))
    throw new RangeError(`${name} must be a whole number ≥ 1, got ${count}`);
}

/** Bonferroni: each of `comparisons` (cohorts × metrics) gets alphaTotal / comparisons. Throws on a nonsensical budget. */
export function comparisonAlpha(alphaTotal: number, comparisons: number): number {
  checkBudget(alphaTotal);
  checkCount("comparisons", comparisons);
  return alphaTotal / comparisons;
}

/**
 * Alpha for one sample-ratio test: one per cohort per step, since the configured split (and so
 * the null hypothesis) changes at each step and the counts restart with it.
 */
export function sampleRatioAlpha(alphaTotal: number, cohorts: number, steps: number): number {
  checkBudget(alphaTotal);
  checkCount("cohorts", cohorts);
  checkCount("steps", steps);
  return alphaTotal / (cohorts * steps);
}
