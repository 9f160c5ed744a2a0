import type { ReactNode } from "react";
import { RelativeTime } from "@/components/common/relative-time";
import { MAX_ATTEMPTS } from "@/lib/webhooks/webhook-backoff";
import { webhookEventLabel } from "@/lib/webhooks/webhook-event";
import type { DeliveryStatus } from "@/lib/webhooks/webhook-row";
import { DeliveryStatusBadge, StatusCodeBadge } from "./delivery-badges";
import { formatWait } from "./format-wait";

export type DeliveryLogItem = {
  id: string;
  event: string;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  /** What the receiver or the network said; null for non-admins. */
  lastResponse: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
  nextAttemptAt: Date | null;
  sending: boolean;
  body: string | null;
};

type Props = {
  deliveries: DeliveryLogItem[];
  /** Renders the "send again" control for a failed delivery (admins). */
  retryButton?: (deliveryId: string) => ReactNode;
};

function attemptText(d: DeliveryLogItem, now: Date): string {
  if (d.status === "delivered") return d.attempts === 1 ? "first attempt" : `attempt ${d.attempts}`;
  if (d.status === "failed")
    return d.attempts === 0 ? "not sent" : `gave up after ${d.attempts} ${d.attempts === 1 ? "attempt" : "attempts"}`;
  if (d.sending) return `sending attempt ${d.attempts + 1} of ${MAX_ATTEMPTS}`;
  if (d.attempts === 0) return "waiting to be sent";
  return `attempt ${d.attempts} of ${MAX_ATTEMPTS} · next ${d.nextAttemptAt ? formatWait(d.nextAttemptAt, now) : "soon"}`;
}

function prettyBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** The last deliveries of one webhook, newest first. */
export function DeliveryLog({ deliveries, retryButton }: Props) {
  const now = new Date();
  if (deliveries.length === 0) {
    return (
      <p className="muted px-5 py-6 text-sm">
        Nothing sent yet. Events appear here as they happen; “Send test” sends one now.
      </p>
    );
  }
  return (
    <ol className="divide-y divide-zinc-100 dark:divide-zinc-800" aria-label="Deliveries, newest first">
      {deliveries.map((d) => (
        <li key={d.id} className="px-5 py-3" data-testid="delivery">
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <span className="font-medium">{webhookEventLabel(d.event)}</span>
            <span className="muted hidden font-mono text-xs sm:inline">{d.event}</span>
            <DeliveryStatusBadge status={d.status} attempts={d.attempts} />
            <StatusCodeBadge code={d.lastStatusCode} attempts={d.attempts} />
            <span className="muted ml-auto text-xs">
              <RelativeTime date={d.createdAt} />
            </span>
          </div>
          <p className="muted mt-1 text-xs">
            {attemptText(d, now)}
            {d.deliveredAt && (
              <>
                {" "}
                · delivered <RelativeTime date={d.deliveredAt} />
              </>
            )}
            <span className="hidden sm:inline">
              {" "}
              · id <span className="font-mono">{d.id}</span>
            </span>
          </p>
          {d.lastError && d.status !== "delivered" && (
            <p
              className="mt-1 break-words font-mono text-xs text-red-700 dark:text-red-300"
              data-testid="delivery-error"
            >
              {d.lastError}
            </p>
          )}
          {d.lastResponse && d.status !== "delivered" && (
            <details className="mt-1 text-xs" data-testid="delivery-response">
              <summary className="muted cursor-pointer select-none">Receiver&apos;s answer (admins only)</summary>
              <pre
                tabIndex={0}
                role="region"
                aria-label="Receiver's answer"
                className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap break-words rounded-lg bg-zinc-100 px-3 py-2 font-mono text-xs dark:bg-zinc-800/70"
              >
                {d.lastResponse}
              </pre>
            </details>
          )}
          {(d.body || (d.status === "failed" && retryButton)) && (
            <div className="mt-2 flex flex-wrap items-start gap-2">
              {d.status === "failed" && retryButton?.(d.id)}
              {d.body && (
                <details className="min-w-0 flex-1 basis-full text-xs">
                  <summary className="muted cursor-pointer select-none">Body</summary>
                  <pre
                    tabIndex={0}
                    role="region"
                    aria-label="Body"
                    className="mt-1 max-h-72 overflow-auto rounded-lg bg-zinc-100 px-3 py-2 font-mono text-xs dark:bg-zinc-800/70"
                  >
                    {prettyBody(d.body)}
                  </pre>
                </details>
              )}
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}
