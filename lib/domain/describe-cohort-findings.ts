import type { CohortFinding } from "./cohort-overlap";
import { describeCondition } from "./cohort-rules";

export type FindingWords = { tone: "warning" | "note"; text: string };

function names(keys: readonly string[], nameOf: (key: string) => string, joiner: "or" | "and"): string {
  const words = keys.map(nameOf);
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} ${joiner} ${words.at(-1)}`;
}

/**
 * A cohort's finding in words: "never matches" is a proof, so it is a warning; sharing users is
 * only possible (rules can't tell whether such users exist), so it says "may" and is a note.
 */
export function describeCohortFinding(finding: CohortFinding, nameOf: (key: string) => string): FindingWords[] {
  const out: FindingWords[] = [];
  const never = finding.neverMatches;
  if (never?.reason === "contradiction") {
    const [a, b] = never.conditions;
    out.push({
      tone: "warning",
      text: `Never matches: no user can have both “${describeCondition(a)}” and “${describeCondition(b)}”.`,
    });
  } else if (never?.reason === "covered") {
    const by = never.together
      ? `${names(never.by, nameOf, "or")} above it`
      : never.by.length === 1
        ? `${nameOf(never.by[0]!)} above it`
        : `each of ${names(never.by, nameOf, "and")} above it`;
    out.push({
      tone: "warning",
      text: `Never matches: everyone it would match is already in ${by}, and a user belongs to the first cohort that matches.`,
    });
  }
  if (finding.mayShareWith.length) {
    out.push({
      tone: "note",
      text: `May overlap with ${names(finding.mayShareWith, nameOf, "and")} above it: users matching both belong to the cohort above.`,
    });
  }
  return out;
}
