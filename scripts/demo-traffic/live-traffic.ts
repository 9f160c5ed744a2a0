import { behaviourOf, simulateVisit } from "./app-model";
import { servedAssignments } from "./assignments";
import type { DemoState } from "./demo-state";
import { backoffMs, FatalError, RetryableError, sleep, type GlidepathClient } from "./glidepath-client";
import { formatCount, log, warn } from "./log";
import { ObservationBatch, type Observation } from "./observations";
import type { Random } from "./random";
import { sendInChunks, type SendTotals } from "./send-in-chunks";
import { evaluationContext, type SyntheticUser } from "./synthetic-users";

export type LiveOptions = {
  client: GlidepathClient;
  users: readonly SyntheticUser[];
  usersPerSecond: number;
  random: Random;
  state: DemoState;
  signal: AbortSignal;
  /** Stop after this long; null runs until the signal aborts. */
  durationMs: number | null;
  logEveryMs: number;
};

const TICK_MS = 1_000;
// While the server is away, measurements pile up; beyond this the oldest are dropped.
const MAX_PENDING = 100_000;
// How often the "sent until" mark is saved: a restart back-fills at most this much twice.
const RECORD_EVERY_MS = 10_000;

type Window = { visits: number; releases: Set<string>; totals: SendTotals; startedAt: number };

/**
 * The simulated shop: every second a Poisson number of visits from the pool, each evaluated
 * through OFREP bulk (which counts the exposure), each producing requests whose errors,
 * latencies and orders depend on what was served; the measurements go out once a second.
 */
export async function runLiveTraffic(options: LiveOptions): Promise<void> {
  const { client, users, random, signal } = options;
  const startedAt = Date.now();
  const batch = new ObservationBatch();
  let pending: Observation[] = [];
  let failures = 0;
  let retryAt = 0;
  let dropped = 0;
  let recordedAt = 0;
  let window: Window = { visits: 0, releases: new Set(), totals: { accepted: 0, rejected: 0, firstRejection: null }, startedAt };
  log(`live traffic: ~${options.usersPerSecond} shoppers/s from a pool of ${formatCount(users.length)}${options.durationMs === null ? " (Ctrl-C stops)" : ` for ${Math.round(options.durationMs / 1000)} s`}`);

  const unreachable = (error: RetryableError) => {
    const waitMs = error.retryAfterMs ?? backoffMs(failures, random.next);
    if (failures === 0) warn(`${error.message}; pausing the traffic, retrying in ${Math.ceil(waitMs / 1000)} s (and with backoff after that)`);
    failures++;
    retryAt = Date.now() + waitMs;
  };

  const visit = async (user: SyntheticUser) => {
    const flags = await client.evaluateAll(evaluationContext(user), signal);
    const served = servedAssignments(flags);
    const outcome = simulateVisit(behaviourOf(user, served.all), random);
    for (const assignment of served.live) {
      batch.add(assignment, outcome);
      window.releases.add(assignment.release);
    }
    window.visits++;
  };

  const stopAt = options.durationMs === null ? Infinity : startedAt + options.durationMs;
  let nextTick = startedAt;
  while (!signal.aborted && Date.now() < stopAt) {
    if (Date.now() >= retryAt) {
      const visitors = Array.from({ length: random.poisson(options.usersPerSecond * (TICK_MS / 1000)) }, () => random.pick(users));
      const results = await Promise.allSettled(visitors.map(visit));
      const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
      if (failed && !signal.aborted) {
        if (failed.reason instanceof FatalError) throw failed.reason;
        if (!(failed.reason instanceof RetryableError)) throw failed.reason;
        unreachable(failed.reason);
      } else if (failures > 0 && results.length > 0) {
        log("the server answers again; traffic resumed");
        failures = 0;
      }
      if (!batch.isEmpty) pending.push(...batch.drain(Date.now()));
      if (pending.length > MAX_PENDING) {
        dropped += pending.length - MAX_PENDING;
        pending = pending.slice(-MAX_PENDING);
      }
      if (pending.length > 0 && failures === 0) {
        const { sent, error } = await sendInChunks(client, pending, window.totals, signal, false);
        pending = pending.slice(sent);
        if (sent > 0 && pending.length === 0 && Date.now() - recordedAt >= RECORD_EVERY_MS) {
          recordedAt = Date.now();
          options.state.recordSentUntil(recordedAt);
        }
        if (error) unreachable(error);
      }
    }
    if (Date.now() - window.startedAt >= options.logEveryMs) {
      report(window, pending.length, dropped);
      window = { visits: 0, releases: new Set(), totals: { accepted: 0, rejected: 0, firstRejection: null }, startedAt: Date.now() };
      dropped = 0;
    }
    nextTick += TICK_MS;
    // After a slow tick, start the next at once rather than trying to catch up a backlog.
    if (nextTick < Date.now()) nextTick = Date.now();
    await sleep(nextTick - Date.now(), signal);
  }

  // On the way out, one last short attempt so the final second isn't lost.
  if (!batch.isEmpty) pending.push(...batch.drain(Date.now()));
  if (pending.length > 0) {
    const { sent } = await sendInChunks(client, pending, window.totals, AbortSignal.timeout(3_000), false).catch(() => ({ sent: 0 }));
    if (sent === pending.length) options.state.recordSentUntil(Date.now());
  }
  report(window, 0, dropped);
}

function report(window: Window, pending: number, dropped: number) {
  const seconds = Math.max(1, Math.round((Date.now() - window.startedAt) / 1000));
  const { accepted, rejected, firstRejection } = window.totals;
  const parts = [`${formatCount(window.visits)} visits`, `${window.releases.size} live release${window.releases.size === 1 ? "" : "s"}`, `${formatCount(accepted)} observations sent`];
  if (rejected > 0) parts.push(`${formatCount(rejected)} refused (e.g. ${firstRejection})`);
  if (pending > 0) parts.push(`${formatCount(pending)} waiting to be sent`);
  if (dropped > 0) parts.push(`${formatCount(dropped)} dropped while the server was away`);
  log(`last ${seconds} s: ${parts.join(", ")}`);
}
