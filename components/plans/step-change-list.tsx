import clsx from "clsx";
import { formatBasisPoints } from "@/lib/domain/percent";
import { applyStep, servedBasisPoints, type PlanPercentages } from "@/lib/domain/plans/plan-percentages";
import { EVERYONE_ELSE, type PlanStep } from "@/lib/domain/plans/plan-types";
import { cohortName, type CohortName } from "./plan-words";

/** `followers`: on the everyone else row, the cohorts without a percentage of their own that move with it. */
export type StepChange = { key: string; name: string; from: number; to: number; followers?: string[] };

/**
 * Who gets the release before and after a step, row by row where it changes: `serving` false
 * (a draft release) means nobody has it yet, so every percentage starts from 0%. Cohorts that
 * follow everyone else before and after are told once, on its row.
 */
export function stepChanges(
  before: PlanPercentages,
  step: Pick<PlanStep, "targets" | "promote">,
  cohorts: readonly CohortName[],
  serving: boolean,
): StepChange[] {
  const after = applyStep(before, step);
  const follows = (key: string) => before.cohorts[key] === undefined && after.cohorts[key] === undefined;
  const changeOf = (key: string): StepChange => {
    const from = serving ? servedBasisPoints(before, key) : 0;
    const to = step.promote ? 10_000 : servedBasisPoints(after, key);
    return { key, name: cohortName(cohorts, key), from, to };
  };
  const rows = cohorts.flatMap((c): StepChange[] => {
    const change = changeOf(c.key);
    return change.from === change.to || follows(c.key) ? [] : [change];
  });
  const everyoneElse = changeOf(EVERYONE_ELSE);
  if (everyoneElse.from !== everyoneElse.to)
    rows.push({ ...everyoneElse, followers: cohorts.filter((c) => follows(c.key)).map((c) => c.name) });
  return rows;
}

/** "Everyone else 0% → 10% (and 3 cohorts that follow it)". */
export function describeChange(change: StepChange): string {
  const followers = change.followers?.length
    ? ` (and ${change.followers.length === 1 ? change.followers[0] : `${change.followers.length} cohorts`}, following it)`
    : "";
  return `${change.name} ${formatBasisPoints(change.from)} → ${formatBasisPoints(change.to)}${followers}`;
}

/** Old → new per cohort, as the rollout editor's preview shows a change before it is saved. */
export function StepChangeList({ changes, className }: { changes: StepChange[]; className?: string }) {
  if (changes.length === 0)
    return <p className={clsx("muted text-sm", className)}>Nobody&apos;s percentage changes.</p>;
  return (
    <ul aria-label="What changes" className={clsx("space-y-0.5 text-sm", className)}>
      {changes.map((c) => (
        <li key={c.key} className="flex flex-wrap items-baseline gap-x-2">
          <span className="font-medium">{c.name}</span>{" "}
          <span className="tabular-nums">
            <span className="muted">{formatBasisPoints(c.from)}</span> →{" "}
            <span className="font-semibold">{formatBasisPoints(c.to)}</span>
          </span>
          {c.followers && c.followers.length > 0 && (
            <span className="muted text-xs">with {c.followers.join(", ")} (they follow everyone else)</span>
          )}
        </li>
      ))}
    </ul>
  );
}
