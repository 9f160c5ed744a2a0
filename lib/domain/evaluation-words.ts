import type { Evaluation, EvaluationReason } from "./evaluate";
import { formatBasisPoints, MAX_BASIS_POINTS } from "./percent";

/** The OFREP reason codes in words, for people; the code stays beside them for developers. */
export const REASON_WORDS: Record<EvaluationReason, string> = {
  SPLIT: "Split by percentage",
  TARGETING_MATCH: "Cohort at 0% or 100%",
  STATIC: "Same for everyone",
  DISABLED: "Release off",
};

type Outcome = Pick<Evaluation, "value" | "reason" | "bucket" | "basisPoints" | "status">;

/**
 * Why this user gets what they get, in one sentence: the percentage that applied and, when
 * their bucket decided, where it fell ("bucket 1234 is in the first 20%").
 */
export function describeOutcome(outcome: Outcome, cohortName: string): string {
  const { value, bucket, basisPoints, status } = outcome;
  const percent = formatBasisPoints(basisPoints);
  const who = cohortName === "Everyone else" ? "everyone else" : cohortName;
  if (status === "promoted") return "Exposed: the release is promoted, so everyone gets it.";
  if (status === "draft") return "Not exposed: the release is a draft, so nobody gets it yet.";
  if (status === "rolled_back") return "Not exposed: the release was rolled back, so nobody gets it.";
  if (bucket === null) return value ? "Exposed." : "Not exposed.";
  if (basisPoints <= 0) return `Not exposed: ${who} is at 0%.`;
  if (basisPoints >= MAX_BASIS_POINTS) return `Exposed: ${who} is at 100%.`;
  const share = `${who} is at ${percent}, so buckets 0 to ${basisPoints - 1} of 10000 get it`;
  return value
    ? `Exposed: bucket ${bucket} is inside the first ${percent} (${share}).`
    : `Not exposed: bucket ${bucket} is outside the first ${percent} (${share}).`;
}

/** When the user matches more than one cohort: which one won, and why. Null for zero or one. */
export function describeMatches(matched: readonly { name: string }[]): string | null {
  if (matched.length < 2) return null;
  const [winner, ...rest] = matched;
  const others = rest.map((c) => c.name);
  const list = others.length === 1 ? others[0] : `${others.slice(0, -1).join(", ")} and ${others.at(-1)}`;
  return `${matched.length} cohorts match this user. ${winner!.name} decides because it comes first by priority; ${list} ${others.length === 1 ? "is" : "are"} ignored for this user.`;
}
