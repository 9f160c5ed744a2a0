// npm run demo:traffic: a simulated shop for the demo team. It evaluates releases through OFREP
// for a stream of synthetic shoppers and reports requests, errors, latencies and orders per
// cohort and variant, after back-filling recent history so the charts have something at once.
// One release is really broken for one cohort (see demo-traffic/app-model.ts).
import { backfill } from "./demo-traffic/backfill";
import { DemoState } from "./demo-traffic/demo-state";
import { FatalError, GlidepathClient } from "./demo-traffic/glidepath-client";
import { withRetry } from "./demo-traffic/retry";
import { runLiveTraffic } from "./demo-traffic/live-traffic";
import { formatCount, log, warn } from "./demo-traffic/log";
import { parseOptions, USAGE, type DemoOptions } from "./demo-traffic/options";
import { evaluatePanel } from "./demo-traffic/panel";
import { createRandom } from "./demo-traffic/random";
import { evaluationContext, syntheticUsers } from "./demo-traffic/synthetic-users";

// Enough evaluated users to know each cohort's split; under a minute of live traffic, so the
// exposure chart shows no spike at start.
const PANEL_SIZE = 800;
const LATENCY_SAMPLES_PER_MINUTE = 20;
const WAITING_NOTE_EVERY_MS = 30_000;

async function main(options: DemoOptions, signal: AbortSignal) {
  const random = createRandom(options.seed);
  const users = syntheticUsers(options.poolSize, random);
  const client = new GlidepathClient(options.baseUrl, options.sdkKey);
  const state = new DemoState(options.stateFile, options.baseUrl, options.sdkKey);

  // The server may still be starting (npm start launches both): wait, and say so now and then.
  let waitingSince: number | null = null;
  let noted = 0;
  const ready = await withRetry(() => client.evaluateAll(evaluationContext(users[0]!), signal), {
    signal,
    onRetry: (error) => {
      waitingSince ??= Date.now();
      if (Date.now() - noted >= WAITING_NOTE_EVERY_MS) {
        noted = Date.now();
        log(`waiting for ${options.baseUrl}: ${error.message}`);
      }
    },
  });
  if (!ready) return;
  if (waitingSince !== null) log(`${options.baseUrl} is up`);

  if (options.backfillHours > 0) {
    const to = Math.floor(Date.now() / 60_000) * 60_000;
    const earliest = to - options.backfillHours * 3_600_000;
    const sentUntil = state.sentUntil();
    const from = Math.max(earliest, sentUntil === null ? earliest : Math.ceil(sentUntil / 60_000) * 60_000);
    if (from >= to) log("back-fill skipped: this generator sent data to this server moments ago");
    else {
      if (from > earliest)
        log(`resuming: data was sent until ${new Date(from).toISOString()}, back-filling only since then`);
      const panel = await evaluatePanel(client, users, PANEL_SIZE, random, signal);
      if (!panel) return;
      const completed = await backfill({
        client,
        panel,
        from,
        to,
        visitsPerMinute: options.usersPerSecond * 60,
        latencySamples: LATENCY_SAMPLES_PER_MINUTE,
        random,
        state,
        signal,
      });
      if (!completed) return;
    }
  }

  if (options.durationSeconds === 0) return;
  await runLiveTraffic({
    client,
    users,
    usersPerSecond: options.usersPerSecond,
    random,
    state,
    signal,
    durationMs: options.durationSeconds === null ? null : options.durationSeconds * 1000,
    logEveryMs: options.logEverySeconds * 1000,
  });
}

let options: DemoOptions | "help";
try {
  options = parseOptions(process.argv.slice(2), process.env);
} catch (error) {
  console.error(`[demo-traffic] ${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
if (options === "help") {
  console.log(USAGE);
  process.exit(0);
}

const controller = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    // A second signal means "now": skip the final send.
    if (controller.signal.aborted) process.exit(130);
    log(`${signal}: stopping after the last send`);
    controller.abort();
  });
}

// Started by npm start (scripts/demo-traffic/start-beside-server.ts): stop with the dashboard.
if (process.channel) {
  process.channel.unref();
  process.once("disconnect", () => controller.abort());
}

log(`${formatCount(options.poolSize)} synthetic shoppers, ~${options.usersPerSecond}/s, against ${options.baseUrl}`);
try {
  await main(options, controller.signal);
  log("stopped");
  process.exit(0);
} catch (error) {
  if (error instanceof FatalError) warn(`stopped: ${error.message}`);
  else warn(`stopped by an unexpected error: ${(error as Error).stack ?? error}`);
  process.exit(1);
}
