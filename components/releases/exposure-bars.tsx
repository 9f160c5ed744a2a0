import { effectiveBasisPoints } from "@/lib/domain/effective-basis-points";
import { formatBasisPoints } from "@/lib/domain/percent";
import type { ReleaseStatus } from "@/lib/domain/rollout-state";

type Cohort = { key: string; name: string; basisPoints: number | null };

export function ExposureBars({
  status,
  cohorts,
  defaultBasisPoints,
}: {
  status: ReleaseStatus;
  cohorts: Cohort[];
  defaultBasisPoints: number;
}) {
  const rows = [
    ...cohorts.map((c) => ({
      key: c.key,
      name: c.name,
      bp: effectiveBasisPoints(status, c.basisPoints ?? defaultBasisPoints),
      follows: c.basisPoints === null,
    })),
    { key: "default", name: "Everyone else", bp: effectiveBasisPoints(status, defaultBasisPoints), follows: false },
  ];
  return (
    <ul
      className="grid grid-cols-[minmax(0,9rem)_1fr_3.5rem] items-center gap-x-2 gap-y-1 text-xs"
      aria-label="Exposure per cohort"
    >
      {rows.map((row) => (
        <li key={row.key} className="contents">
          <span className="muted truncate" title={row.name}>
            {row.name}
          </span>
          <span className="h-1.5 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800">
            <span
              className={row.follows ? "block h-full bg-brand-500/40" : "block h-full bg-brand-500"}
              style={{ width: `${row.bp / 100}%` }}
            />
          </span>
          <span className="text-right tabular-nums">{formatBasisPoints(row.bp)}</span>
        </li>
      ))}
    </ul>
  );
}
