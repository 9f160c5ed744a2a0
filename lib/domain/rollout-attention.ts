/**
 * What on the team page needs someone now, so it comes first: a cohort regressing, a plan held
 * or not being watched, a change waiting for approval. Everything else keeps its order (most
 * recently changed first).
 */
export type Attention = {
  /** How many cohorts regress (their health). */
  regressing: number;
  /** Its rollout plan holds (a gate, a sample ratio mismatch, a regression it won't act on). */
  held: boolean;
  /** Its rollout plan runs but the controller hasn't looked lately or can't read metrics. */
  stale: boolean;
  pendingRequests: number;
};

export const NO_ATTENTION: Attention = { regressing: 0, held: false, stale: false, pendingRequests: 0 };

/** 0: regressing, 1: held or stale, 2: waiting for approval, 3: nothing to do. */
export function attentionRank(a: Attention): number {
  if (a.regressing > 0) return 0;
  if (a.held || a.stale) return 1;
  if (a.pendingRequests > 0) return 2;
  return 3;
}

/** Attention first; ties keep the order they came in (Array.prototype.sort is stable). */
export function attentionFirst<T>(items: readonly T[], attentionOf: (item: T) => Attention): T[] {
  return [...items].sort((a, b) => attentionRank(attentionOf(a)) - attentionRank(attentionOf(b)));
}

/** "1 cohort regressing", "plan held", "plan not watched": the words beside a row that came first. */
export function describeAttention(a: Attention): string[] {
  const words: string[] = [];
  if (a.regressing > 0) words.push(`${a.regressing} cohort${a.regressing === 1 ? "" : "s"} regressing`);
  if (a.held) words.push("plan held");
  if (a.stale) words.push("plan not being watched");
  return words;
}
