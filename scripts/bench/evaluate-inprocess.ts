// npm run bench:evaluate-inprocess — Glidepath's evaluate() (full details: value, variant,
// reason, cohort) against @openfeature/flagd-core, OpenFeature's in-process evaluator, on the
// same generated workload: 20 ordered cohorts × 2 conditions, a 25% default split, 10,000
// contexts. One core, one process, alternating rounds, medians (the machine is shared).
//
// Env: BENCH_ROUNDS (7), BENCH_ROUND_MS (1000), BENCH_WARMUP_MS (1000), BENCH_CONTEXTS (10000).
import os from "node:os";
import { evaluate } from "../../lib/domain/evaluate";
import { FLAG_KEY } from "./flagd-config";
import { checkEquivalence, EquivalenceError } from "./inprocess-checks";
import { createInProcessSetup, silentLogger } from "./inprocess-setup";
import { formatRates, formatTable, median, summarize, type Round } from "./round-stats";

const TARGET_RATIO = 2.5;

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return value;
}

const ROUNDS = envInt("BENCH_ROUNDS", 7);
const ROUND_MS = envInt("BENCH_ROUND_MS", 1000);
const WARMUP_MS = envInt("BENCH_WARMUP_MS", 1000);
const CONTEXT_COUNT = envInt("BENCH_CONTEXTS", 10_000);
// Evaluations between clock reads: small next to an eval's cost in total, big enough that
// performance.now() is not what we measure.
const BATCH = 1000;

const setup = createInProcessSetup(CONTEXT_COUNT);
const { contexts, release, cohorts, flagd } = setup;

// Folded into a global after each round and printed, so no result can be dead-code eliminated.
let sink = 0;

function finish(count: number, start: number, cpuStart: NodeJS.CpuUsage): Round {
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  return { evalsPerSecond: count / (wallMs / 1000), cpuShare: (cpu.user + cpu.system) / 1000 / wallMs };
}

// Two hand-written loops instead of one loop taking a callback: a shared call site would turn
// polymorphic after both sides ran through it, and V8 would stop inlining either evaluator.
function roundGlidepath(ms: number): Round {
  let count = 0;
  let next = 0;
  let acc = 0;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  do {
    for (let k = 0; k < BATCH; k++) {
      const r = evaluate(release, cohorts, contexts[next]!);
      if (++next === contexts.length) next = 0;
      // Read every detail an application gets: value, variant, reason and cohort.
      acc += (r.value ? 1 : 0) + r.variant.length + r.reason.length + r.cohortKey.length;
    }
    count += BATCH;
  } while (performance.now() - start < ms);
  sink += acc;
  return finish(count, start, cpuStart);
}

function roundFlagd(ms: number): Round {
  let count = 0;
  let next = 0;
  let acc = 0;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  do {
    for (let k = 0; k < BATCH; k++) {
      const r = flagd.resolveBooleanEvaluation(FLAG_KEY, false, contexts[next]!, silentLogger);
      if (++next === contexts.length) next = 0;
      // flagd's details: value, variant and reason (it has no notion of which cohort matched).
      acc += (r.value ? 1 : 0) + (r.variant?.length ?? 0) + (r.reason?.length ?? 0);
    }
    count += BATCH;
  } while (performance.now() - start < ms);
  sink += acc;
  return finish(count, start, cpuStart);
}

function main(): void {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  console.log(
    `node ${process.version}, ${cpu}, ${os.cpus().length} CPUs, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  console.log(`workload: ${cohorts.length} cohorts × 2 conditions, 25% default split, ${contexts.length} contexts\n`);

  for (const line of checkEquivalence(setup)) console.log(line);

  // Warm-up runs both sides through the optimizing tiers before anything is recorded.
  roundGlidepath(WARMUP_MS);
  roundFlagd(WARMUP_MS);

  const glidepath: Round[] = [];
  const flagdRounds: Round[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate who goes first so drift on a shared machine hits both sides alike.
    if (round % 2 === 0) {
      glidepath.push(roundGlidepath(ROUND_MS));
      flagdRounds.push(roundFlagd(ROUND_MS));
    } else {
      flagdRounds.push(roundFlagd(ROUND_MS));
      glidepath.push(roundGlidepath(ROUND_MS));
    }
  }

  const ratios = glidepath.map((g, i) => g.evalsPerSecond / flagdRounds[i]!.evalsPerSecond);
  const g = summarize("Glidepath `evaluate()`", glidepath);
  const f = summarize("`@openfeature/flagd-core`", flagdRounds);
  console.log(`\n${ROUNDS} alternating rounds × ${ROUND_MS} ms after ${WARMUP_MS} ms warm-up per side, one core:\n`);
  console.log(formatTable([g, f], ratios, g.median / f.median));
  console.log(`\nper round (M evals/s): Glidepath ${formatRates(glidepath)} | flagd-core ${formatRates(flagdRounds)}`);
  console.log(`per-round ratios: ${ratios.map((r) => r.toFixed(2)).join(" ")}`);

  const ratio = median(ratios);
  const verdict = ratio >= TARGET_RATIO ? "met" : "NOT met";
  console.log(
    `\ntarget Glidepath ≥ ${TARGET_RATIO}× flagd-core: ${verdict} (median per-round ratio ${ratio.toFixed(2)}×)`,
  );
  if (g.medianCpuShare < 0.9 || f.medianCpuShare < 0.9) {
    console.log("note: the process got < 90% of a core in a typical round; absolute rates are low, read the ratio.");
  }
  if (sink === -1) console.log(sink);
}

try {
  main();
} catch (error) {
  if (!(error instanceof EquivalenceError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
