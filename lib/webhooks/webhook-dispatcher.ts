import { getDb } from "@/lib/db/client";
import { dispatchDueWebhooks, DISPATCH_BATCH_SIZE, type DispatchOptions } from "./dispatch-due-webhooks";

export { dispatchDueWebhooks } from "./dispatch-due-webhooks";

export const DISPATCH_INTERVAL_MS = 2_000;
/** Delivered and failed rows are kept this long for the delivery log, then pruned. */
export const DELIVERY_RETENTION_DAYS = 30;

type Runtime = {
  options: DispatchOptions;
  timers: NodeJS.Timeout[];
  running: boolean;
  again: boolean;
  stopped: boolean;
};

// On globalThis: Next.js bundles instrumentation and routes separately, so module state
// isn't shared between the starter and the use cases that kick it.
const globalForWebhooks = globalThis as unknown as { glidepathWebhookDispatcher?: Runtime };

/**
 * Starts sending webhooks from this process: a run every 2 s (unref'd, so it never keeps the
 * process alive), once per process, stopped on SIGTERM/SIGINT. Called from instrumentation.ts
 * in the dashboard's server; GLIDEPATH_WEBHOOKS_DISPATCH=0 leaves it off (another process
 * sends them). Any number of instances may run it: rows are claimed one by one.
 */
export function startWebhookDispatcher(options: DispatchOptions & { intervalMs?: number } = {}): boolean {
  if (globalForWebhooks.glidepathWebhookDispatcher || process.env.GLIDEPATH_WEBHOOKS_DISPATCH === "0") return false;
  // A database that is down fails every run: say so once a minute, not every 2 s.
  const runtime: Runtime = {
    options: { onError: logSometimes, ...options },
    timers: [],
    running: false,
    again: false,
    stopped: false,
  };
  globalForWebhooks.glidepathWebhookDispatcher = runtime;
  runtime.timers.push(setInterval(() => run(runtime), options.intervalMs ?? DISPATCH_INTERVAL_MS));
  const prune = () =>
    pruneOldDeliveries(options).catch((error: Error) => logSometimes(`[webhooks] retention: ${error.message}`));
  runtime.timers.push(setTimeout(prune, 60_000), setInterval(prune, 3_600_000));
  for (const timer of runtime.timers) timer.unref();
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, stopWebhookDispatcher);
  run(runtime);
  return true;
}

/** Stops the timers. Sends in flight finish or time out; an unfinished one is sent again later. */
export function stopWebhookDispatcher(): void {
  const runtime = globalForWebhooks.glidepathWebhookDispatcher;
  if (!runtime) return;
  runtime.stopped = true;
  for (const timer of runtime.timers) clearInterval(timer);
  delete globalForWebhooks.glidepathWebhookDispatcher;
}

/**
 * Call after committing a transaction that enqueued webhook events, to send them now rather
 * than at the next tick. Cheap and never throws; does nothing where the dispatcher isn't
 * running (tests, scripts), and the rows wait for a process that runs it.
 */
export function kickWebhookDispatcher(): void {
  try {
    const runtime = globalForWebhooks.glidepathWebhookDispatcher;
    if (runtime && !runtime.stopped) setImmediate(() => run(runtime));
  } catch {
    // never let a notification get in the way of the change that caused it
  }
}

export function isWebhookDispatcherRunning(): boolean {
  return Boolean(globalForWebhooks.glidepathWebhookDispatcher);
}

/** One run at a time per process; a kick during a run, or a full batch, runs again right after. */
function run(runtime: Runtime): void {
  if (runtime.stopped) return;
  if (runtime.running) {
    runtime.again = true;
    return;
  }
  runtime.running = true;
  runtime.again = false;
  void dispatchDueWebhooks(runtime.options)
    .then((summary) => {
      if (summary.claimed >= (runtime.options.batchSize ?? DISPATCH_BATCH_SIZE)) runtime.again = true;
    })
    .catch(() => undefined)
    .finally(() => {
      runtime.running = false;
      if (runtime.again && !runtime.stopped) setImmediate(() => run(runtime));
    });
}

let lastLog = 0;
function logSometimes(message: string) {
  if (Date.now() - lastLog < 60_000) return;
  lastLog = Date.now();
  console.warn(message);
}

async function pruneOldDeliveries(options: DispatchOptions) {
  const db = options.db ?? getDb();
  const before = new Date((options.now?.() ?? new Date()).getTime() - DELIVERY_RETENTION_DAYS * 86_400_000);
  await db.webhookDelivery.deleteMany({
    where: { status: { in: ["delivered", "failed"] }, createdAt: { lt: before } },
  });
}
