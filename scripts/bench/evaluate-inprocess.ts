// npm run bench:evaluate-inprocess — Glidepath's evaluate() (full details: value, reason,
// variant, cohort) against @openfeature/flagd-core, OpenFeature's in-process evaluator, on the
// same workload, one core, alternating rounds in one process (medians; the machine is shared).
import { FlagdCore } from "@openfeature/flagd-core";
import type { CompiledCohort, CompiledRelease } from "../../lib/domain/evaluate";
import { evaluate } from "../../lib/domain/evaluate";
import { prefilterOf } from "../../lib/domain/cohort-resolver";
import { compileCohort } from "../../lib/domain/targeting";
import { benchContexts, COHORT_BASIS_POINTS, cohortConditions, DEFAULT_BASIS_POINTS } from "./bench-workload";
import { flagdConfiguration } from "./flagd-config";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 1000);

const contexts = benchContexts(10_000).map((body) => (JSON.parse(body) as { context: Record<string, unknown> & { targetingKey: string } }).context);

// Compiled exactly as the evaluation store compiles a snapshot.
const cohorts: CompiledCohort[] = Array.from({ length: 20 }, (_, i) => {
  const definition = { kind: "rules", conditions: cohortConditions(i) } as const;
  return { key: `cohort-${i}`, matches: compileCohort(definition), prefilter: prefilterOf(definition) };
});
const release: CompiledRelease = {
  key: "new-checkout",
  salt: "new-checkout",
  status: "rolling",
  defaultBasisPoints: DEFAULT_BASIS_POINTS,
  cohortBasisPoints: new Map(cohorts.map((c, i) => [c.key, COHORT_BASIS_POINTS(i)])),
};

const flagd = new FlagdCore();
type FlagdContext = Parameters<typeof flagd.resolveBooleanEvaluation>[2];
const flagdContexts = contexts as FlagdContext[];
flagd.setConfigurations(flagdConfiguration());
const silent = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {} };

let sink = 0;
function glidepath(i: number) {
  const r = evaluate(release, cohorts, contexts[i % contexts.length]!);
  // Read every detail an application gets, so none of it can be optimised away.
  sink += (r.value ? 1 : 0) + r.reason.length + r.variant.length + r.cohortKey.length;
  return r.value;
}
function flagdEval(i: number) {
  const r = flagd.resolveBooleanEvaluation("new-checkout", false, flagdContexts[i % contexts.length], silent);
  sink += (r.value ? 1 : 0) + (r.reason?.length ?? 0) + (r.variant?.length ?? 0);
  return r.value;
}

function run(fn: (i: number) => boolean, ms: number): number {
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let k = 0; k < 2000; k++) fn(n++);
    now = performance.now();
  }
  return n / ((now - start) / 1000);
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
const share = (fn: (i: number) => boolean) => contexts.filter((_, i) => fn(i)).length / contexts.length;

// Same workload on both sides: compare treatment shares (hashes differ, so users differ).
console.log(`treatment share over ${contexts.length} contexts: Glidepath ${(share(glidepath) * 100).toFixed(1)}%, flagd-core ${(share(flagdEval) * 100).toFixed(1)}%`);
const member100 = { targetingKey: "x", country: COHORT_COUNTRY(4), email: "a@tenant4.test" };
const member0 = { targetingKey: "x", country: COHORT_COUNTRY(0), plan: "free" };
console.log(`100% cohort member → Glidepath ${evaluate(release, cohorts, member100).value}, flagd ${flagd.resolveBooleanEvaluation("new-checkout", false, member100, silent).value}; 0% cohort member → Glidepath ${evaluate(release, cohorts, member0).value}, flagd ${flagd.resolveBooleanEvaluation("new-checkout", false, member0, silent).value}`);

function COHORT_COUNTRY(i: number) {
  return cohortConditions(i)[0]!.values[0]!;
}

run(glidepath, 1000);
run(flagdEval, 1000);
const g: number[] = [];
const f: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  // Alternate who goes first so drift on a shared machine hits both sides alike.
  if (round % 2 === 0) {
    g.push(run(glidepath, ROUND_MS));
    f.push(run(flagdEval, ROUND_MS));
  } else {
    f.push(run(flagdEval, ROUND_MS));
    g.push(run(glidepath, ROUND_MS));
  }
}
const ratios = g.map((v, i) => v / f[i]!);
const fmt = (v: number) => `${(v / 1e6).toFixed(2)}M`;
console.log(`\n${ROUNDS} alternating rounds × ${ROUND_MS} ms, 20 cohorts × 2 conditions, 10,000 contexts, one core:`);
console.log("| evaluator | evals/s (median) | min – max |");
console.log("| --- | ---: | ---: |");
console.log(`| Glidepath evaluate() | ${fmt(median(g))} | ${fmt(Math.min(...g))} – ${fmt(Math.max(...g))} |`);
console.log(`| @openfeature/flagd-core | ${fmt(median(f))} | ${fmt(Math.min(...f))} – ${fmt(Math.max(...f))} |`);
console.log(`\nratio Glidepath / flagd-core: ${(median(g) / median(f)).toFixed(2)}× (median of per-round ratios ${median(ratios).toFixed(2)}×)`);
if (sink === -1) console.log(sink);
