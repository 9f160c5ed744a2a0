import { getDb, type Db } from "@/lib/db/client";
import type { Lookup } from "@/lib/outbound/destination-check";
import { nextRetryDelayMs } from "./webhook-backoff";
import { postWebhook, WEBHOOK_TIMEOUT_MS } from "./post-webhook";
import { parseStoredAllowList } from "./webhook-allow-list";

export type DispatchOptions = {
  db?: Db;
  /** The clock: injectable so tests can walk through the retry schedule without waiting. */
  now?: () => Date;
  /** The resolver under the destination check (tests point it at a DNS server of their own). */
  resolve?: Lookup;
  timeoutMs?: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** Rows claimed per run. */
  batchSize?: number;
  random?: () => number;
  /** How long a claim keeps other instances off a row; well past the timeout. */
  lockMs?: number;
  /** Where unexpected errors go (default console.warn); they never reach the caller. */
  onError?: (message: string) => void;
};

export type DispatchSummary = { claimed: number; delivered: number; retrying: number; failed: number; errors: number };

export const DISPATCH_BATCH_SIZE = 50;
export const DISPATCH_CONCURRENCY = 8;
const LOCK_MS = 60_000;

export const DISABLED_WHILE_QUEUED = "Not sent: the webhook was disabled";

type Claimed = { id: string; lockedUntil: Date };

/**
 * Sends every due delivery once: claim, POST, record. Never throws; a database error ends the
 * run early and the next run picks up where it stopped.
 *
 * At least once: a row is claimed by moving `lockedUntil` from the value this instance read to
 * a new one, in one conditional UPDATE, so two instances (or two runs) never both send it. If
 * the process dies mid-send, the claim expires after `lockMs` and the row is sent again, with
 * the same X-Glidepath-Delivery id for the receiver to spot the duplicate.
 */
export async function dispatchDueWebhooks(options: DispatchOptions = {}): Promise<DispatchSummary> {
  const summary: DispatchSummary = { claimed: 0, delivered: 0, retrying: 0, failed: 0, errors: 0 };
  try {
    const db = options.db ?? getDb();
    const now = options.now ?? (() => new Date());
    const claimed = await claimDue(db, now(), options.batchSize ?? DISPATCH_BATCH_SIZE, options.lockMs ?? LOCK_MS);
    summary.claimed = claimed.length;
    if (claimed.length === 0) return summary;
    const rows = await db.webhookDelivery.findMany({
      where: { id: { in: claimed.map((c) => c.id) } },
      include: {
        webhook: {
          select: { url: true, secret: true, disabledAt: true, team: { select: { webhookAllowList: true } } },
        },
      },
    });
    const lockOf = new Map(claimed.map((c) => [c.id, c.lockedUntil]));
    await eachWithConcurrency(rows, options.concurrency ?? DISPATCH_CONCURRENCY, async (row) => {
      try {
        const outcome = await attempt(db, row, lockOf.get(row.id)!, now, options);
        summary[outcome]++;
      } catch (error) {
        summary.errors++;
        (options.onError ?? console.warn)(
          `[webhooks] delivery ${row.id}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    });
  } catch (error) {
    summary.errors++;
    (options.onError ?? console.warn)(`[webhooks] dispatch: ${error instanceof Error ? error.message : String(error)}`);
  }
  return summary;
}

async function claimDue(db: Db, now: Date, batchSize: number, lockMs: number): Promise<Claimed[]> {
  const due = await db.webhookDelivery.findMany({
    where: {
      status: "pending",
      nextAttemptAt: { lte: now },
      OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }],
    },
    orderBy: { nextAttemptAt: "asc" },
    take: batchSize,
    select: { id: true, lockedUntil: true },
  });
  const lockedUntil = new Date(now.getTime() + lockMs);
  const claimed: Claimed[] = [];
  for (const row of due) {
    const { count } = await db.webhookDelivery.updateMany({
      where: { id: row.id, status: "pending", lockedUntil: row.lockedUntil },
      data: { lockedUntil },
    });
    if (count === 1) claimed.push({ id: row.id, lockedUntil });
  }
  return claimed;
}

type ClaimedRow = {
  id: string;
  event: string;
  body: string;
  attempts: number;
  webhook: { url: string; secret: string; disabledAt: Date | null; team: { webhookAllowList: string } };
};

async function attempt(
  db: Db,
  row: ClaimedRow,
  lock: Date,
  now: () => Date,
  options: DispatchOptions,
): Promise<"delivered" | "retrying" | "failed"> {
  // Only while we still hold the claim: if it expired and someone else took the row, their
  // result is the one that counts.
  const record = (data: Parameters<Db["webhookDelivery"]["updateMany"]>[0]["data"]) =>
    db.webhookDelivery.updateMany({ where: { id: row.id, lockedUntil: lock }, data: { ...data, lockedUntil: null } });

  if (row.webhook.disabledAt) {
    await record({ status: "failed", lastError: DISABLED_WHILE_QUEUED });
    return "failed";
  }
  const result = await postWebhook({
    url: row.webhook.url,
    secret: row.webhook.secret,
    body: row.body,
    event: row.event,
    deliveryId: row.id,
    timestampSeconds: Math.floor(now().getTime() / 1000),
    timeoutMs: options.timeoutMs ?? WEBHOOK_TIMEOUT_MS,
    // Read with the row: an allow list changed since the event was queued applies to this attempt.
    allow: parseStoredAllowList(row.webhook.team.webhookAllowList),
    resolve: options.resolve,
  });
  const attempts = row.attempts + 1;
  const finishedAt = now();
  if (result.ok) {
    await record({
      status: "delivered",
      attempts,
      lastStatusCode: result.statusCode,
      lastError: null,
      lastResponse: null,
      deliveredAt: finishedAt,
    });
    return "delivered";
  }
  const delay = nextRetryDelayMs(attempts, options.random);
  if (delay === null) {
    await record({
      status: "failed",
      attempts,
      lastStatusCode: result.statusCode,
      lastError: result.error,
      lastResponse: result.detail,
    });
    return "failed";
  }
  await record({
    status: "pending",
    attempts,
    lastStatusCode: result.statusCode,
    lastError: result.error,
    lastResponse: result.detail,
    nextAttemptAt: new Date(finishedAt.getTime() + delay),
  });
  return "retrying";
}

async function eachWithConcurrency<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let item = items[next++]; item !== undefined; item = items[next++]) await work(item);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
