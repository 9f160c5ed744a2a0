import { formatBasisPoints } from "@/lib/domain/percent";
import { STATUS_LABELS } from "@/lib/domain/rollout-state";
import type { RolloutSnapshot } from "@/lib/rollouts/rollout-snapshot";

type Props = {
  message: string;
  current: RolloutSnapshot;
  cohortNames: { key: string; name: string }[];
  onUseCurrent: () => void;
};

/** Shown when a save hit a newer version: the current values, and the way to start from them. */
export function ConflictNotice({ message, current, cohortNames, onUseCurrent }: Props) {
  return (
    <div
      role="alert"
      data-testid="conflict"
      className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      <p className="font-semibold">Not saved: someone else changed this release</p>
      <p className="mt-1">{message}</p>
      <p className="mt-3 font-medium">
        Current values ({STATUS_LABELS[current.status].toLowerCase()}
        {current.updatedByName ? `, last changed by ${current.updatedByName}` : ""}):
      </p>
      <ul className="mt-1 grid grid-cols-2 gap-x-6 gap-y-0.5 sm:grid-cols-3">
        {cohortNames.map((c) => (
          <li key={c.key}>
            {c.name}:{" "}
            <span className="font-medium tabular-nums">
              {current.cohorts[c.key] === undefined
                ? `${formatBasisPoints(current.defaultBasisPoints)} (everyone else)`
                : formatBasisPoints(current.cohorts[c.key]!)}
            </span>
          </li>
        ))}
        <li>
          Everyone else:{" "}
          <span className="font-medium tabular-nums">{formatBasisPoints(current.defaultBasisPoints)}</span>
        </li>
      </ul>
      <button type="button" className="btn-secondary mt-3" onClick={onUseCurrent}>
        Start again from the current values
      </button>
    </div>
  );
}
