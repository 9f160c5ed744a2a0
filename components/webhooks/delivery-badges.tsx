import clsx from "clsx";
import type { DeliveryStatus } from "@/lib/webhooks/webhook-row";

const BADGE =
  "inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset whitespace-nowrap";

const STATUS_STYLES = {
  delivered:
    "bg-emerald-50 text-emerald-800 ring-emerald-300 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-800",
  pending: "bg-amber-50 text-amber-800 ring-amber-300 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800",
  failed: "bg-red-50 text-red-800 ring-red-300 dark:bg-red-950 dark:text-red-200 dark:ring-red-800",
} as const satisfies Record<DeliveryStatus, string>;

const STATUS_DOTS = {
  delivered: "bg-emerald-500",
  pending: "bg-amber-500 animate-pulse",
  failed: "bg-red-500",
} as const satisfies Record<DeliveryStatus, string>;

/** delivered / retrying (pending after a failed attempt) / queued / failed. */
export function DeliveryStatusBadge({ status, attempts }: { status: DeliveryStatus; attempts: number }) {
  const label = status === "pending" ? (attempts > 0 ? "retrying" : "queued") : status;
  return (
    <span data-testid="delivery-status" className={clsx(BADGE, STATUS_STYLES[status])}>
      <span aria-hidden className={clsx("size-1.5 rounded-full", STATUS_DOTS[status])} />
      {label}
    </span>
  );
}

/** The receiver's last HTTP status, or what happened instead of one. */
export function StatusCodeBadge({ code, attempts }: { code: number | null; attempts: number }) {
  if (code === null) {
    if (attempts === 0) return null;
    return (
      <span
        className={clsx(
          BADGE,
          "bg-zinc-100 font-mono text-zinc-700 ring-zinc-300 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-700",
        )}
      >
        no response
      </span>
    );
  }
  const ok = code >= 200 && code < 300;
  return (
    <span
      data-testid="delivery-status-code"
      title={`HTTP ${code}`}
      className={clsx(
        BADGE,
        "font-mono",
        ok ? STATUS_STYLES.delivered : code >= 500 || code < 200 ? STATUS_STYLES.failed : STATUS_STYLES.pending,
      )}
    >
      {code}
    </span>
  );
}

export function WebhookStateBadge({ enabled }: { enabled: boolean }) {
  return (
    <span
      className={clsx(
        BADGE,
        enabled
          ? STATUS_STYLES.delivered
          : "bg-zinc-100 text-zinc-700 ring-zinc-300 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-700",
      )}
    >
      <span aria-hidden className={clsx("size-1.5 rounded-full", enabled ? "bg-emerald-500" : "bg-zinc-400")} />
      {enabled ? "enabled" : "disabled"}
    </span>
  );
}

export function FormatTag({ format }: { format: string }) {
  return (
    <span className="inline-flex items-center rounded-md bg-zinc-100 px-1.5 py-0.5 text-xs font-medium whitespace-nowrap dark:bg-zinc-800">
      {format === "slack" ? "Slack" : "Generic JSON"}
    </span>
  );
}
