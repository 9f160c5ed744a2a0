import clsx from "clsx";
import type { ReleaseStatus } from "@/lib/domain/rollout-state";
import { STATUS_LABELS } from "@/lib/domain/rollout-state";

const STYLES: Record<ReleaseStatus, string> = {
  draft: "bg-zinc-100 text-zinc-700 ring-zinc-300 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-700",
  rolling: "bg-sky-50 text-sky-800 ring-sky-300 dark:bg-sky-950 dark:text-sky-200 dark:ring-sky-800",
  paused: "bg-amber-50 text-amber-800 ring-amber-300 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800",
  promoted:
    "bg-emerald-50 text-emerald-800 ring-emerald-300 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-800",
  rolled_back: "bg-red-50 text-red-800 ring-red-300 dark:bg-red-950 dark:text-red-200 dark:ring-red-800",
};

const DOTS: Record<ReleaseStatus, string> = {
  draft: "bg-zinc-400",
  rolling: "bg-sky-500 animate-pulse",
  paused: "bg-amber-500",
  promoted: "bg-emerald-500",
  rolled_back: "bg-red-500",
};

export function StatusBadge({ status, className }: { status: ReleaseStatus; className?: string }) {
  return (
    <span
      data-testid="release-status"
      className={clsx(
        "inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
        STYLES[status],
        className,
      )}
    >
      <span aria-hidden className={clsx("size-1.5 rounded-full", DOTS[status])} />
      {STATUS_LABELS[status]}
    </span>
  );
}
