/** Percentages as stored: a cohort left out follows everyone else. */
export type StoredPercentages = { defaultBasisPoints: number; cohorts: Record<string, number> };

/**
 * "Revert this change": every value the change moved goes back to what it was just before it;
 * values it left alone keep whatever they are now (later changes to other cohorts survive,
 * like `git revert`). A cohort the change gave its own percentage follows everyone else again.
 */
export function revertedPercentages(
  current: StoredPercentages,
  change: { before: StoredPercentages; after: StoredPercentages },
): StoredPercentages {
  const cohorts = { ...current.cohorts };
  const keys = new Set([...Object.keys(change.before.cohorts), ...Object.keys(change.after.cohorts)]);
  for (const key of keys) {
    const was = change.before.cohorts[key];
    if (was === change.after.cohorts[key]) continue;
    if (was === undefined) delete cohorts[key];
    else cohorts[key] = was;
  }
  const defaultMoved = change.before.defaultBasisPoints !== change.after.defaultBasisPoints;
  return {
    defaultBasisPoints: defaultMoved ? change.before.defaultBasisPoints : current.defaultBasisPoints,
    cohorts,
  };
}
