import type { MetricPoint } from "./metric-types";
import type { ExposurePoint } from "./release-chart-types";

/**
 * A count (checkouts) compared raw between a 20% treatment and an 80% control always makes
 * treatment look worse: it has a quarter of the users. Divided by the users each arm exposed
 * in the same step, the two arms read on one scale whatever the split.
 *
 * One point per step where the arm has both a count and exposed users; `samples` becomes the
 * exposed users behind the value (so a comparison weights each step by its users), `count`
 * keeps the raw count for the tooltip. Steps without exposures (metrics sent with past
 * timestamps, which no evaluation counted) have no per-user value: null, never a guess.
 */
export type PerUserPoint = MetricPoint & { count: number | null };

export function perExposedUser(
  counts: readonly MetricPoint[],
  exposures: readonly Pick<ExposurePoint, "t" | "users">[],
): PerUserPoint[] {
  const usersAt = new Map(exposures.map((e) => [e.t, e.users]));
  return counts.map((point) => {
    const users = usersAt.get(point.t) ?? null;
    const value = point.value !== null && users !== null && users > 0 ? point.value / users : null;
    return { t: point.t, value, samples: users, count: point.value };
  });
}

/** Whether a metric's values are counts that depend on how many users each arm has. */
export function comparesPerExposedUser(metric: { kind: string }): boolean {
  return metric.kind === "count";
}
