// npm run bench:metrics-cardinality — the cardinality attack on the dedicated server:
// one SDK key sends 200,000 distinct series-minutes (40 series × 5,000 minutes of the 7-day
// window, one latency sample each) as fast as it can, 4 connections, batches of 5,000. Measured
// per round on a fresh SQLite database: the server's resident memory before, at its peak and
// after, how much was taken (200) or refused (503), and OFREP evaluation latency (wrk, 4
// connections) during the attack against the same probe just before it. Medians of the rounds.
// BENCH_RETRY=1: the attacker retries each refused batch after Retry-After until all of it is
// taken, so the whole 200,000 go through at the rate the store absorbs them.
// BENCH_ROOT=<another checkout> runs that checkout's server with the same load (a before/after).
import { execFile, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { createDb } from "../../lib/db/client";
import { benchContexts, createBenchFixture, type BenchFixture } from "./bench-fixture";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CELLS = Number(process.env.BENCH_CELLS ?? 200_000);
const BATCH = 5_000;
const SENDERS = 4;
const RETRY = process.env.BENCH_RETRY === "1";
const PORT = Number(process.env.BENCH_PORT_BASE ?? 3900) + 31;
const root = path.resolve(import.meta.dirname, "../..");
const serverRoot = path.resolve(process.env.BENCH_ROOT ?? root);
const wrk = ["/usr/bin/wrk", "/usr/local/bin/wrk"].find((p) => fs.existsSync(p));
if (!wrk) throw new Error("bench:metrics-cardinality needs wrk (apt-get install wrk)");
const run = promisify(execFile);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return { rssMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 };
}

/** Every batch of the attack: distinct (cohort, variant, minute) per item, spread over the window. */
function attackBatches(): string[] {
  const minutesNow = Math.floor(Date.now() / 60_000);
  const batches: string[] = [];
  for (let start = 0; start < CELLS; start += BATCH) {
    const observations = [];
    for (let n = start; n < Math.min(CELLS, start + BATCH); n++) {
      const series = n % 40;
      const minute = minutesNow - 10 - Math.floor(n / 40) * 2;
      observations.push({
        metric: "latency",
        release: "new-checkout",
        cohort: `cohort-${series >> 1}`,
        variant: series % 2 ? "treatment" : "control",
        value: 1 + (n % 5_000),
        timestamp: minute * 60_000,
      });
    }
    batches.push(JSON.stringify({ observations }));
  }
  return batches;
}

async function probe(fixture: BenchFixture, bodies: string, seconds: number) {
  const { stdout } = await run(wrk!, [
    "-t1",
    "-c4",
    `-d${seconds}s`,
    "--latency",
    "-s",
    path.join(root, "scripts/bench/wrk-bodies.lua"),
    `http://127.0.0.1:${PORT}/ofrep/v1/evaluate/flags/new-checkout`,
    "--",
    bodies,
    fixture.sdkKey,
  ]);
  const ms = (text: string, unit: string) => Number(text) * (unit === "us" ? 0.001 : unit === "s" ? 1000 : 1);
  const p99 = /99%\s+([\d.]+)(us|ms|s)/.exec(stdout)!;
  const max = /Latency\s+[\d.]+\w+\s+[\d.]+\w+\s+([\d.]+)(us|ms|s)/.exec(stdout)!;
  return { p99: ms(p99[1]!, p99[2]!), max: ms(max[1]!, max[2]!) };
}

async function waitUntilUp() {
  for (let i = 0; i < 300; i++) {
    try {
      await fetch(`http://127.0.0.1:${PORT}/api/v1/metrics`, { method: "POST", body: "{}" });
      return;
    } catch {
      await sleep(200);
    }
  }
  throw new Error("server did not come up");
}

async function round() {
  const fixture = await createBenchFixture();
  const db = createDb(fixture.url);
  await db.metricDefinition.create({
    data: {
      teamId: fixture.teamId,
      key: "latency",
      name: "Latency",
      kind: "latency",
      unit: "ms",
      badDirection: "up",
      position: 1,
    },
  });
  await db.$disconnect();
  const bodies = path.join(fixture.dir, "bodies.jsonl");
  fs.writeFileSync(bodies, benchContexts(10_000).join("\n"));
  const server: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", "scripts/ofrep-server.ts"],
    {
      cwd: serverRoot,
      env: {
        ...process.env,
        DATABASE_URL: fixture.url,
        OFREP_PORT: String(PORT),
        NODE_ENV: "production",
        GLIDEPATH_SDK_RATE_LIMIT: "0",
      },
      stdio: ["ignore", "ignore", "ignore"],
    },
  );
  try {
    await waitUntilUp();
    const before = await probe(fixture, bodies, 4);
    await sleep(6_000); // a flush of the probe's exposures, so the idle figure is settled
    const idle = memoryOf(server.pid!);
    const batches = attackBatches();
    const during = probe(fixture, bodies, 12);
    const started = Date.now();
    let accepted = 0;
    let refused = 0;
    let next = 0;
    await Promise.all(
      Array.from({ length: SENDERS }, async () => {
        while (next < batches.length) {
          const body = batches[next++]!;
          for (;;) {
            const response = await fetch(`http://127.0.0.1:${PORT}/api/v1/metrics`, {
              method: "POST",
              headers: { authorization: `Bearer ${fixture.sdkKey}`, "content-type": "application/json" },
              body,
            });
            const answer = (await response.json()) as { accepted?: number };
            if (response.status === 200) accepted += answer.accepted ?? 0;
            else refused += BATCH;
            if (response.status === 200 || !RETRY) break;
            await sleep(Number(response.headers.get("retry-after") ?? 1) * 1000);
          }
        }
      }),
    );
    const seconds = (Date.now() - started) / 1000;
    const probeDuring = await during;
    await sleep(10_000); // the flushes that follow
    const after = memoryOf(server.pid!);
    return {
      idleMb: idle.rssMb,
      peakMb: after.peakMb,
      afterMb: after.rssMb,
      accepted,
      refused,
      seconds,
      before,
      during: probeDuring,
    };
  } finally {
    server.kill("SIGKILL");
    fs.rmSync(fixture.dir, { recursive: true, force: true });
  }
}

const results: Awaited<ReturnType<typeof round>>[] = [];
for (let i = 1; i <= ROUNDS; i++) {
  const r = await round();
  results.push(r);
  console.log(
    `round ${i}: RSS ${r.idleMb.toFixed(0)} MB idle, ${r.peakMb.toFixed(0)} MB peak, ${r.afterMb.toFixed(0)} MB after; ` +
      `${r.accepted.toLocaleString("en")} cells taken, ${r.refused.toLocaleString("en")} refused (503) in ${r.seconds.toFixed(1)} s; ` +
      `evaluation p99 ${r.before.p99} ms before, ${r.during.p99} ms during (max ${r.before.max} → ${r.during.max} ms)`,
  );
}
const m = (pick: (r: (typeof results)[number]) => number) => median(results.map(pick));
console.log(
  `\n${CELLS.toLocaleString("en")} distinct series-minutes, batches of ${BATCH}, ${SENDERS} connections${RETRY ? ", refused batches retried" : ""}, ${ROUNDS} rounds (server: ${path.relative(process.cwd(), serverRoot) || "."}), medians:`,
);
console.log(
  "| RSS idle | RSS peak | RSS after | cells taken | refused (503) | evaluation p99 before → during | max during |",
);
console.log("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
console.log(
  `| ${m((r) => r.idleMb).toFixed(0)} MB | ${m((r) => r.peakMb).toFixed(0)} MB | ${m((r) => r.afterMb).toFixed(0)} MB | ${m((r) => r.accepted).toLocaleString("en")} | ${m((r) => r.refused).toLocaleString("en")} | ` +
    `${m((r) => r.before.p99)} → ${m((r) => r.during.p99)} ms | ${m((r) => r.during.max)} ms |`,
);
process.exit(0);
