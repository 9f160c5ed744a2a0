"use client";

import { useMemo } from "react";
import { analyseCohortOrder } from "@/lib/domain/cohort-overlap";
import type { CohortDefinition } from "@/lib/domain/cohort-rules";
import { describeCohortFinding, type FindingWords } from "@/lib/domain/describe-cohort-findings";

export type PlacedCohort = { key: string; name: string; definition: CohortDefinition };

type Props = {
  self: PlacedCohort;
  /** The saved rules (null for a new cohort): cohorts below that already never matched aren't news. */
  initialDefinition: CohortDefinition | null;
  above: readonly PlacedCohort[];
  below: readonly PlacedCohort[];
};

/**
 * As you type: whether this cohort, where it sits, can ever match, which cohorts above may take
 * some of its users, and which cohorts below the new rules would leave with nobody.
 */
export function CohortRuleWarnings({ self, initialDefinition, above, below }: Props) {
  const lines = useMemo(() => {
    const nameOf = (key: string) => [...above, self, ...below].find((c) => c.key === key)?.name ?? key;
    const findings = analyseCohortOrder([...above, self, ...below]);
    const own = findings.find((f) => f.key === self.key);
    const out: FindingWords[] = own ? describeCohortFinding(own, nameOf) : [];
    const before = analyseCohortOrder([...above, { ...self, definition: initialDefinition }, ...below]);
    for (const finding of findings) {
      if (finding.key === self.key || !finding.neverMatches) continue;
      if (before.find((f) => f.key === finding.key)?.neverMatches) continue;
      for (const words of describeCohortFinding({ ...finding, mayShareWith: [] }, nameOf))
        out.push({ tone: "warning", text: `${nameOf(finding.key)} below it: ${words.text}` });
    }
    return out;
  }, [self, initialDefinition, above, below]);
  if (lines.length === 0) return null;
  return (
    <ul aria-label="Rule warnings" className="space-y-1 text-sm [overflow-wrap:anywhere]">
      {lines.map((line) => (
        <li
          key={line.text}
          className={
            line.tone === "warning"
              ? "rounded-md border border-amber-300 bg-amber-50 px-3 py-1.5 text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100"
              : "muted"
          }
        >
          {line.tone === "warning" ? "⚠ " : ""}
          {line.text}
        </li>
      ))}
    </ul>
  );
}
