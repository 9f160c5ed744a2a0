// npm run bench:flush-pause — how long a metrics flush holds the request thread: 40,000
// evaluations counted as exposures (20 cohorts × 2 variants, 10,000 users) and 5,000 metric
// observations (latency, error rate, checkouts over the same series) are buffered, then
// flushed while a 1 ms event-loop delay monitor runs; the longest stall during the flush is
// what an evaluation arriving then would wait; the thread's busy time during the flush (event
// loop utilisation) is the work it did for it, less sensitive to a loaded machine's scheduling.
// 15 flushes on a fresh SQLite file; medians.
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { createDb } from "../../lib/db/client";
import type { Evaluation } from "../../lib/domain/evaluate";
import { murmur3 } from "../../lib/domain/murmur3";
import { ExposureCounter } from "../../lib/metrics/builtin/exposure-counter";
import { MetricBuffer } from "../../lib/metrics/builtin/metric-buffer";
import { MetricFlusher } from "../../lib/metrics/builtin/metric-flusher";
import { createBenchFixture } from "./bench-fixture";

const FLUSHES = Number(process.env.BENCH_ROUNDS ?? 15);
const EVALUATIONS = 40_000;
const OBSERVATIONS = 5_000;

const fixture = await createBenchFixture();
const db = createDb(fixture.url);
const environmentId = (await db.environment.findFirstOrThrow({ where: { teamId: fixture.teamId } })).id;
await db.$disconnect();

const buffer = new MetricBuffer();
const exposures = new ExposureCounter();
const flusher = new MetricFlusher({ databaseUrl: fixture.url, buffer, exposures });
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function fill(round: number) {
  const now = Date.now();
  for (let i = 0; i < EVALUATIONS; i++) {
    const cohort = i % 21 === 20 ? "default" : `cohort-${i % 20}`;
    const evaluation = { cohortKey: cohort, variant: i % 4 === 0 ? "treatment" : "control" } as Evaluation;
    exposures.record(environmentId, "new-checkout", evaluation, murmur3(`user-${(i * 7919 + round) % 10_000}`), now);
  }
  const minute = Math.floor(now / 60_000);
  for (let i = 0; i < OBSERVATIONS; i++) {
    const series = {
      environmentId,
      releaseKey: "new-checkout",
      cohortKey: `cohort-${i % 20}`,
      variant: i % 2 ? ("treatment" as const) : ("control" as const),
    };
    if (i % 3 === 0) buffer.add({ ...series, metricKey: "latency" }, "latency", minute, true, 50 + (i % 400), 1);
    else if (i % 3 === 1)
      buffer.add({ ...series, metricKey: "error-rate" }, "plain", minute, false, 1, i % 50 === 0 ? 1 : 0);
    else buffer.add({ ...series, metricKey: "checkouts" }, "plain", minute, false, 1, 1);
  }
}

const stalls: number[] = [];
const busy: number[] = [];
await flusher.flush(); // the worker is up, series ids are known
for (let round = 0; round < FLUSHES; round++) {
  fill(round);
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const before = performance.eventLoopUtilization();
  await flusher.flush();
  busy.push(performance.eventLoopUtilization(before).active);
  delay.disable();
  stalls.push(delay.max / 1e6);
}
await flusher.close();
console.log(`longest request-thread stall per flush (ms): ${stalls.map((s) => s.toFixed(1)).join(" ")}`);
console.log(`request-thread busy time per flush (ms): ${busy.map((s) => s.toFixed(1)).join(" ")}`);
console.log(
  `${FLUSHES} flushes of ${EVALUATIONS.toLocaleString("en")} evaluations + ${OBSERVATIONS.toLocaleString("en")} observations, medians: longest stall ${median(stalls).toFixed(1)} ms (worst ${Math.max(...stalls).toFixed(1)} ms), busy ${median(busy).toFixed(1)} ms`,
);
process.exit(0);
