import { DEFAULT_COHORT_KEY } from "@/lib/domain/evaluate";
import type { RolloutChange, RolloutValues } from "@/lib/domain/rollout-diff";

/** Distinct users per cohort key ("default" for everyone else) seen over the last 24 h. */
export type CohortUsers = Record<string, number>;

/**
 * How many more (or fewer) users one row of the change preview sends to the release:
 * users seen × the change in percentage. A cohort row uses its own users; the "everyone
 * else" row also moves the cohorts that follow it (no explicit value before or after).
 * Null when there is no traffic to estimate from: a wrong number is worse than none.
 */
export function estimateUserChange(
  change: RolloutChange,
  saved: RolloutValues,
  draft: RolloutValues,
  users: CohortUsers | null,
): number | null {
  if (!users || Object.keys(users).length === 0) return null;
  const from = change.from ?? saved.defaultBasisPoints;
  const to = change.to ?? draft.defaultBasisPoints;
  const keys =
    change.key === DEFAULT_COHORT_KEY
      ? [
          DEFAULT_COHORT_KEY,
          ...Object.keys({ ...saved.cohorts, ...draft.cohorts }).filter(
            (k) => (saved.cohorts[k] ?? null) === null && (draft.cohorts[k] ?? null) === null,
          ),
        ]
      : [change.key];
  // The release had traffic; a cohort it did not see in 24 h had no users.
  const seen = keys.reduce((sum, key) => sum + (users[key] ?? 0), 0);
  return (seen * (to - from)) / 10_000;
}

const count = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** "≈ +1,200 users", "≈ −35 users", "< 1 user". */
export function formatUserChange(delta: number): string {
  const rounded = Math.round(Math.abs(delta));
  if (rounded === 0) return delta === 0 ? "≈ 0 users" : "< 1 user";
  const sign = delta > 0 ? "+" : "−";
  return `≈ ${sign}${count.format(rounded)} user${rounded === 1 ? "" : "s"}`;
}
