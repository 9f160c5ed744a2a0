// npm run sim:guardrails — the real plan controller and the real guardrail statistics against
// synthetic traffic on a simulated clock: does it catch harm, and does it leave healthy
// releases alone? Options: --runs N (A/A runs; every other scenario gets 2N/5), --scenario
// name (aa, errors, latency, outage, srm; repeatable), --seed S, --jobs J (variants at a
// time), --out file (also write the report there), --results-dir dir (keep each variant's
// result there and reuse those already done with the same runs and seed: a long run that was
// interrupted goes on where it stopped). See docs/guardrails.md "Simulation".
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { formatWall, report, type Ran } from "./report";
import type { VariantResult } from "./run-variant";
import { SCENARIO_NAMES, variants, type ScenarioName, type Variant } from "./scenarios";
import type { WorkerInput } from "./variant-worker";

/**
 * The quick default: 100 A/A runs and 40 of each other scenario, about 12 minutes on 2 cores
 * (each plan tick of the real controller costs 25–50 ms, most of it Prisma). The documented
 * numbers use --runs 500: 500 A/A runs and 200 of each other scenario.
 */
const DEFAULT_RUNS = 100;
const WORKER = fileURLToPath(new URL("./variant-worker.ts", import.meta.url));

type Options = {
  runs: number;
  scenarios: ScenarioName[];
  seed: number;
  jobs: number;
  out: string | null;
  resultsDir: string | null;
};

function parseOptions(argv: readonly string[]): Options {
  const options: Options = {
    runs: DEFAULT_RUNS,
    scenarios: [],
    seed: 1,
    jobs: Math.min(2, os.availableParallelism()),
    out: null,
    resultsDir: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split("=", 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i] ?? "";
    const whole = (name: string, raw: string, min: number) => {
      const n = Number(raw);
      if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be a whole number ≥ ${min}, not "${raw}"`);
      return n;
    };
    if (flag === "--runs") options.runs = whole("--runs", value(), 1);
    else if (flag === "--seed") options.seed = whole("--seed", value(), 0);
    else if (flag === "--jobs") options.jobs = whole("--jobs", value(), 1);
    else if (flag === "--out") options.out = value();
    else if (flag === "--results-dir") options.resultsDir = value();
    else if (flag === "--scenario") {
      for (const name of value().split(",")) {
        if (!(SCENARIO_NAMES as readonly string[]).includes(name))
          throw new Error(`--scenario is one of ${SCENARIO_NAMES.join(", ")}, not "${name}"`);
        options.scenarios.push(name as ScenarioName);
      }
    } else
      throw new Error(
        `Unknown option "${argv[i]}" (--runs N, --scenario name, --seed S, --jobs J, --out file, --results-dir dir)`,
      );
  }
  return options;
}

function commandOf(argv: readonly string[]): string {
  return `npm run sim:guardrails${argv.length ? ` -- ${argv.join(" ")}` : ""}`;
}

function runInWorker(variant: Variant, options: Options, dir: string): Promise<VariantResult> {
  const resultFile = path.join(dir, `${variant.id}.json`);
  const input: WorkerInput = { id: variant.id, aaRuns: options.runs, seed: options.seed, resultFile };
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", WORKER, JSON.stringify(input)],
      { stdio: ["ignore", "inherit", "inherit"] },
    );
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) resolve(JSON.parse(fs.readFileSync(resultFile, "utf8")) as VariantResult);
      else reject(new Error(`Variant ${variant.id} failed (${signal ?? `exit ${code}`})`));
    });
  });
}

/** A result kept from an earlier invocation with the same runs and seed, if any. */
function keptResult(variant: Variant, options: Options, dir: string): VariantResult | null {
  const file = path.join(dir, `${variant.id}.json`);
  if (!fs.existsSync(file)) return null;
  const kept = JSON.parse(fs.readFileSync(file, "utf8")) as VariantResult;
  return kept.runs === variant.runs && kept.seed === options.seed ? kept : null;
}

async function runAll(chosen: readonly Variant[], options: Options): Promise<{ ran: Ran[]; reused: string[] }> {
  const dir = options.resultsDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "glidepath-sim-results-"));
  fs.mkdirSync(dir, { recursive: true });
  const queue = [...chosen];
  const ran: Ran[] = [];
  const reused: string[] = [];
  try {
    const lane = async () => {
      for (let variant = queue.shift(); variant; variant = queue.shift()) {
        const kept = options.resultsDir ? keptResult(variant, options, dir) : null;
        if (kept) {
          console.error(`${variant.id}: reused from ${dir}`);
          ran.push({ variant, result: kept });
          reused.push(variant.id);
          continue;
        }
        const started = performance.now();
        console.error(`${variant.id}: ${variant.runs} runs…`);
        const result = await runInWorker(variant, options, dir);
        console.error(`${variant.id}: done in ${formatWall((performance.now() - started) / 1000)}`);
        ran.push({ variant, result });
      }
    };
    await Promise.all(Array.from({ length: options.jobs }, lane));
  } finally {
    if (!options.resultsDir) fs.rmSync(dir, { recursive: true, force: true });
  }
  // The report follows the scenarios' order, whatever finished first.
  return { ran: chosen.map((variant) => ran.find((r) => r.variant.id === variant.id)!), reused };
}

const argv = process.argv.slice(2);
const options = parseOptions(argv);
const chosen = variants(options.runs).filter(
  (v) => options.scenarios.length === 0 || options.scenarios.includes(v.scenario),
);
const started = performance.now();
// Longest first (A/A), so the other lane fills in behind it.
const { ran, reused } = await runAll(chosen, options);
const wallSeconds = (performance.now() - started) / 1000;
const markdown = report(ran, {
  command: commandOf(argv),
  seed: options.seed,
  date: new Date().toISOString().slice(0, 10),
  wallSeconds,
  jobs: options.jobs,
  reused,
});
console.log(markdown);
if (options.out) fs.writeFileSync(options.out, `${markdown}\n`);
console.error(`Wall time: ${formatWall(wallSeconds)}`);
