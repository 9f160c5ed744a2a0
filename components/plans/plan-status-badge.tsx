import clsx from "clsx";
import { PLAN_STATUS_LABELS, type PlanStatus } from "@/lib/domain/plans/plan-types";

const STYLES: Record<PlanStatus, string> = {
  draft: "bg-zinc-100 text-zinc-700 ring-zinc-300 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-700",
  pending: "bg-amber-50 text-amber-800 ring-amber-300 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800",
  running: "bg-sky-50 text-sky-800 ring-sky-300 dark:bg-sky-950 dark:text-sky-200 dark:ring-sky-800",
  paused: "bg-amber-50 text-amber-800 ring-amber-300 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800",
  held: "bg-amber-50 text-amber-800 ring-amber-300 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800",
  finished:
    "bg-emerald-50 text-emerald-800 ring-emerald-300 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-800",
  rolled_back: "bg-red-50 text-red-800 ring-red-300 dark:bg-red-950 dark:text-red-200 dark:ring-red-800",
  cancelled: "bg-zinc-100 text-zinc-700 ring-zinc-300 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-700",
};

const DOTS: Record<PlanStatus, string> = {
  draft: "bg-zinc-400",
  pending: "bg-amber-500",
  running: "bg-sky-500 animate-pulse",
  paused: "bg-amber-500",
  held: "bg-amber-500",
  finished: "bg-emerald-500",
  rolled_back: "bg-red-500",
  cancelled: "bg-zinc-400",
};

/** The plan's status as a badge, like the release's (components/releases/status-badge.tsx). */
export function PlanStatusBadge({ status, className }: { status: PlanStatus; className?: string }) {
  return (
    <span
      data-testid="plan-status"
      className={clsx(
        "inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
        STYLES[status],
        className,
      )}
    >
      <span aria-hidden className={clsx("size-1.5 rounded-full", DOTS[status])} />
      Plan: {PLAN_STATUS_LABELS[status]}
    </span>
  );
}
