/** Pure: what a pending edit changes, for the "old → new" preview. Shared by client and server. */
export type RolloutValues = { defaultBasisPoints: number; cohorts: Record<string, number | null> };

export type RolloutChange = { key: string; name: string; from: number | null; to: number | null };

export function diffRollout(
  saved: RolloutValues,
  draft: RolloutValues,
  cohortNames: { key: string; name: string }[],
): RolloutChange[] {
  const changes: RolloutChange[] = [];
  for (const { key, name } of cohortNames) {
    const from = saved.cohorts[key] ?? null;
    const to = draft.cohorts[key] ?? null;
    if (from !== to) changes.push({ key, name, from, to });
  }
  if (saved.defaultBasisPoints !== draft.defaultBasisPoints) {
    changes.push({
      key: "default",
      name: "Everyone else",
      from: saved.defaultBasisPoints,
      to: draft.defaultBasisPoints,
    });
  }
  return changes;
}
