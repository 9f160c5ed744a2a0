import { formatBasisPoints } from "@/lib/domain/percent";
import type { ReleaseStatus } from "@/lib/domain/rollout-state";
import { estimateUserChange, formatUserChange, type CohortUsers } from "@/lib/metrics/estimate-user-change";
import type { RolloutChange, RolloutValues } from "@/lib/domain/rollout-diff";

function show(bp: number | null, fallback: number) {
  return bp === null ? `${formatBasisPoints(fallback)} (everyone else)` : formatBasisPoints(bp);
}

type Props = {
  changes: RolloutChange[];
  saved: RolloutValues;
  draft: RolloutValues;
  /** Distinct users per cohort over the last 24 h; null when there was no traffic to estimate from. */
  usersByCohort: CohortUsers | null;
  status: ReleaseStatus;
};

/** Old → new per cohort, before anything is saved, with how many users that moves (from the last 24 h). */
export function ChangePreview({ changes, saved, draft, usersByCohort, status }: Props) {
  const savedDefault = saved.defaultBasisPoints;
  const draftDefault = draft.defaultBasisPoints;
  return (
    <div className="space-y-1">
      <ul aria-label="Pending changes" className="space-y-1 text-sm">
        {changes.map((c) => {
          const before = c.from ?? savedDefault;
          const after = c.to ?? draftDefault;
          const up = after > before;
          const users = after === before ? null : estimateUserChange(c, saved, draft, usersByCohort);
          return (
            <li key={c.key} className="flex flex-wrap items-baseline gap-x-2">
              <span className="font-medium">{c.name}</span>
              <span className="tabular-nums">
                <span className="muted">{show(c.from, savedDefault)}</span> →{" "}
                <span className="font-semibold">{show(c.to, draftDefault)}</span>
              </span>
              {after !== before && (
                <span
                  className={
                    up ? "text-xs text-sky-700 dark:text-sky-300" : "text-xs text-amber-700 dark:text-amber-300"
                  }
                >
                  {users === null
                    ? up
                      ? "more users get it"
                      : "fewer users get it"
                    : `${formatUserChange(users)}${status === "draft" ? " once started" : ""}`}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      <p className="muted text-xs">
        {usersByCohort
          ? "User estimates: distinct users per cohort over the last 24 h × the change in percentage."
          : "No traffic in the last 24 h to estimate how many users this moves."}
      </p>
    </div>
  );
}
