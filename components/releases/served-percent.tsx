import clsx from "clsx";
import { effectiveBasisPoints } from "@/lib/domain/effective-basis-points";
import { formatBasisPoints } from "@/lib/domain/percent";
import type { ReleaseStatus } from "@/lib/domain/rollout-state";

/**
 * A settled release (promoted, rolled back) in place of a slider: what users get now, and the
 * percentage it had, so "50%" is never shown while nobody gets it ("0%, was 50%").
 */
export function ServedPercent({
  label,
  status,
  configured,
  inherited,
}: {
  label: string;
  status: ReleaseStatus;
  configured: number;
  inherited?: boolean;
}) {
  const served = effectiveBasisPoints(status, configured);
  const text =
    served === configured
      ? formatBasisPoints(served)
      : `${formatBasisPoints(served)}, was ${formatBasisPoints(configured)}`;
  return (
    <div className="flex items-center gap-3" role="group" aria-label={`${label}: ${text}`}>
      <span className="relative h-2 min-w-0 flex-1 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800">
        <span
          className={clsx("absolute inset-y-0 left-0", inherited ? "bg-brand-500/35" : "bg-brand-500")}
          style={{ width: `${served / 100}%` }}
        />
      </span>
      <span
        className="min-w-24 shrink-0 whitespace-nowrap text-right text-sm tabular-nums"
        data-testid="served-percent"
      >
        <span className="font-medium">{formatBasisPoints(served)}</span>
        {served !== configured && <span className="muted">, was {formatBasisPoints(configured)}</span>}
      </span>
    </div>
  );
}
