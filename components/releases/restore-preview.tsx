import { formatBasisPoints } from "@/lib/domain/percent";
import type { ReleaseStatus } from "@/lib/domain/rollout-state";

/** What the release served just before its roll back, as its audit event recorded it. */
export type RestoreProposal = {
  status: ReleaseStatus;
  percentages: { defaultBasisPoints: number; cohorts: Record<string, number> };
  by: string;
  rolledBackAt: string;
};

/** Served now (nobody: rolled back) → what a restore puts back, per cohort and everyone else. */
export function RestorePreview({
  restore,
  cohortNames,
}: {
  restore: RestoreProposal;
  cohortNames: { key: string; name: string }[];
}) {
  const { percentages } = restore;
  const rows = [
    ...cohortNames.map((c) => {
      const own = percentages.cohorts[c.key];
      return {
        key: c.key,
        name: c.name,
        to: own ?? percentages.defaultBasisPoints,
        follows: own === undefined,
      };
    }),
    { key: "default", name: "Everyone else", to: percentages.defaultBasisPoints, follows: false },
  ];
  return (
    <div className="space-y-2">
      <ul aria-label="Restored percentages" className="space-y-0.5 text-xs">
        {rows.map((row) => (
          <li key={row.key}>
            {row.name}: <span className="tabular-nums">0%</span> →{" "}
            <span className="font-semibold tabular-nums">{formatBasisPoints(row.to)}</span>
            {row.follows && <span className="muted"> (everyone else)</span>}
          </li>
        ))}
      </ul>
      {restore.status === "promoted" && (
        <p className="text-xs">
          It was promoted to everyone before the roll back; this restores the percentages it had, not 100%.
        </p>
      )}
      <p className="muted text-xs">
        From the roll back by {restore.by} on {restore.rolledBackAt.slice(0, 16).replace("T", " ")} UTC, as the audit
        trail recorded it.
      </p>
    </div>
  );
}
