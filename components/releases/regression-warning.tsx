import { raisedWhileRegressing, type CohortHealth } from "@/lib/domain/cohort-health";
import { formatBasisPoints } from "@/lib/domain/percent";

type Served = { defaultBasisPoints: number; cohorts: Record<string, number | null | undefined> };

/**
 * In a ramp or promote confirmation: each regressing cohort the change raises, with how much
 * worse it is ("Mobile app users: Error rate 5× control"). Said whether or not the policy holds it.
 */
export function RegressionWarning({
  health,
  before,
  after,
}: {
  health: readonly CohortHealth[];
  before: Served;
  after: Served;
}) {
  const raised = raisedWhileRegressing(health, before, after);
  if (raised.length === 0) return null;
  return (
    <div
      role="note"
      aria-label="Regressing cohorts"
      className="space-y-1 rounded-lg border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950/50 dark:text-red-100"
    >
      <p className="font-medium">
        This raises {raised.length === 1 ? "a cohort that is" : `${raised.length} cohorts that are`} regressing
      </p>
      <ul className="list-disc pl-5">
        {raised.map(({ health: h, was, now }) => (
          <li key={h.cohortKey}>
            <span className="font-medium">{h.cohortName}</span>: {h.words ?? "regressing"} ({h.basis}),{" "}
            <span className="tabular-nums">
              {formatBasisPoints(was)} → {formatBasisPoints(now)}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
