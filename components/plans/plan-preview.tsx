import type { PlanPercentages } from "@/lib/domain/plans/plan-percentages";
import type { PlanDefinition } from "@/lib/domain/plans/plan-types";
import { formatUserChange, type CohortUsers } from "@/lib/metrics/estimate-user-change";
import { describeChange, stepChanges } from "./step-change-list";
import { describeGates, describeTargets, formatUsers, tablesFrom, usersServed, type CohortName } from "./plan-words";

type Props = {
  definition: PlanDefinition;
  cohorts: readonly CohortName[];
  /** Steps before this index were taken already. */
  from: number;
  /**
   * What the release serves before step `from` (its saved percentages) and whether it serves
   * them now (false for a draft: nobody has it until the plan starts it). Null for a template,
   * which belongs to no release: then only the targets are told.
   */
  start: { table: PlanPercentages; serving: boolean } | null;
  /** Distinct users per cohort over the last 24 h; null: no traffic to estimate from. */
  usersByCohort: CohortUsers | null;
};

/** The whole plan in words, step by step, with about how many users have the release after each. */
export function PlanPreview({ definition, cohorts, from, start, usersByCohort }: Props) {
  const tables = start ? tablesFrom(start.table, definition.steps, from) : [];
  return (
    <div className="space-y-2">
      <ol className="space-y-1.5 text-sm" aria-label="The plan in words">
        {definition.steps.map((step, index) => {
          const gates = describeGates({
            ...step,
            bakeMinutes: Number.isFinite(step.bakeMinutes) ? step.bakeMinutes : 0,
          });
          if (index < from)
            return (
              <li key={index} className="muted">
                <span className="font-medium">Step {index + 1}</span> (taken): {describeTargets(step, null, cohorts)}
              </li>
            );
          const table = tables.find((t) => t.index === index);
          let what = describeTargets(step, null, cohorts);
          let users: string | null = null;
          if (table && start) {
            const serving = index === from ? start.serving : true;
            const changes = stepChanges(table.before, step, cohorts, serving);
            what = [...changes.map(describeChange), ...(step.promote ? ["promote to everyone"] : [])].join(", ");
            if (!what) what = "no change";
            const after = usersServed(table.after, usersByCohort, { promoted: step.promote });
            const before = serving ? usersServed(table.before, usersByCohort) : 0;
            if (after !== null && before !== null)
              users = `${formatUsers(after)} have it (${formatUserChange(after - before)})`;
          }
          return (
            <li key={index}>
              <span className="font-medium">Step {index + 1}:</span> {what}
              {gates.length > 0 && <span className="muted">; {gates.join(", ")}</span>}
              {users && <span className="block text-xs text-sky-800 dark:text-sky-200">{users}</span>}
            </li>
          );
        })}
      </ol>
      {start && (
        <p className="muted text-xs">
          {usersByCohort
            ? "User estimates: distinct users per cohort over the last 24 h × the percentage each step serves."
            : "No traffic in the last 24 h to estimate how many users each step reaches."}
        </p>
      )}
    </div>
  );
}
