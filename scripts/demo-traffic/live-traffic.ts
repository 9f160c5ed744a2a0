import { behaviourOf, simulateVisit } from "./app-model";
import { servedAssignments } from "./assignments";
import type { DemoState } from "./demo-state";
import { RetryableError, type GlidepathClient } from "./glidepath-client";
import { formatCount, log } from "./log";
import { ObservationBatch, type Observation } from "./observations";
import type { Random } from "./random";
import { RetryGate, sleep } from "./retry";
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
// While metrics can't be sent they pile up; beyond this the oldest are dropped.
const MAX_PENDING = 100_000;
// How often the "sent until" mark is saved: a restart back-fills at most this much twice.
const RECORD_EVERY_MS = 10_000;

type Window = { visits: number; releases: Set<string>; totals: SendTotals; dropped: number; startedAt: number };
const newWindow = (): Window => ({
  visits: 0,
  releases: new Set(),
  totals: { accepted: 0, rejected: 0, firstRejection: null },
  dropped: 0,
  startedAt: Date.now(),
});

/**
 * The simulated shop: every second a Poisson number of visits from the pool, each evaluated
 * through OFREP bulk (which counts the exposure), each producing requests whose errors,
 * latencies and orders depend on what was served; the measurements go out once a second.
 * Evaluation and sending back off separately, so an ingest outage doesn't stop the visits.
 */
export async function runLiveTraffic(options: LiveOptions): Promise<void> {
  const { client, users, random, signal } = options;
  const batch = new ObservationBatch();
  const evaluations = new RetryGate("evaluating through OFREP", random.next);
  const sending = new RetryGate("sending metrics", random.next);
  let pending: Observation[] = [];
  let recordedAt = 0;
  let window = newWindow();
  log(
    `live traffic: ~${options.usersPerSecond} shoppers/s from a pool of ${formatCount(users.length)}${options.durationMs === null ? " (Ctrl-C stops)" : ` for ${Math.round(options.durationMs / 1000)} s`}`,
  );

  const visit = async (user: SyntheticUser) => {
    const served = servedAssignments(await client.evaluateAll(evaluationContext(user), signal));
    const outcome = simulateVisit(behaviourOf(user, served.all), random);
    for (const assignment of served.live) {
      batch.add(assignment, outcome);
      window.releases.add(assignment.release);
    }
    window.visits++;
  };

  const stopAt = options.durationMs === null ? Infinity : Date.now() + options.durationMs;
  let nextTick = Date.now();
  while (!signal.aborted && Date.now() < stopAt) {
    if (evaluations.ready) {
      const visitors = Array.from({ length: random.poisson(options.usersPerSecond * (TICK_MS / 1000)) }, () =>
        random.pick(users),
      );
      const results = await Promise.allSettled(visitors.map(visit));
      const failure = results.find((r): r is PromiseRejectedResult => r.status === "rejected")?.reason as unknown;
      if (signal.aborted) break;
      if (failure instanceof RetryableError) evaluations.failed(failure);
      else if (failure) throw failure;
      else if (results.length > 0) evaluations.succeeded();
    }
    if (!batch.isEmpty) pending.push(...batch.drain(Date.now()));
    if (pending.length > MAX_PENDING) {
      window.dropped += pending.length - MAX_PENDING;
      pending = pending.slice(-MAX_PENDING);
    }
    if (pending.length > 0 && sending.ready) {
      const { sent, error } = await sendInChunks(client, pending, window.totals, signal, false);
      pending = pending.slice(sent);
      if (error) sending.failed(error);
      else if (sent > 0) sending.succeeded();
      if (pending.length === 0 && Date.now() - recordedAt >= RECORD_EVERY_MS) {
        recordedAt = Date.now();
        options.state.recordSentUntil(recordedAt);
      }
    }
    if (Date.now() - window.startedAt >= options.logEveryMs) {
      report(window, pending.length, evaluations.failing);
      window = newWindow();
    }
    nextTick += TICK_MS;
    // After a slow tick, start the next at once rather than trying to catch up a backlog.
    if (nextTick < Date.now()) nextTick = Date.now();
    await sleep(nextTick - Date.now(), signal);
  }

  // On the way out, one short last attempt so the final second isn't lost.
  if (!batch.isEmpty) pending.push(...batch.drain(Date.now()));
  if (pending.length > 0) {
    const { sent } = await sendInChunks(client, pending, window.totals, AbortSignal.timeout(3_000), false).catch(
      () => ({ sent: 0 }),
    );
    pending = pending.slice(sent);
    if (pending.length === 0) options.state.recordSentUntil(Date.now());
  }
  report(window, pending.length, false);
}

function report(window: Window, pending: number, evaluationsFailing: boolean) {
  const seconds = Math.max(1, Math.round((Date.now() - window.startedAt) / 1000));
  const { accepted, rejected, firstRejection } = window.totals;
  const parts = [
    `${formatCount(window.visits)} visits`,
    `${window.releases.size} live release${window.releases.size === 1 ? "" : "s"}`,
    `${formatCount(accepted)} observations sent`,
  ];
  if (rejected > 0) parts.push(`${formatCount(rejected)} refused (e.g. ${firstRejection})`);
  if (pending > 0) parts.push(`${formatCount(pending)} waiting to be sent`);
  if (window.dropped > 0) parts.push(`${formatCount(window.dropped)} dropped (the server kept refusing them)`);
  if (evaluationsFailing) parts.push("OFREP unreachable, retrying");
  log(`last ${seconds} s: ${parts.join(", ")}`);
}
