// npm run bench:evaluate — OFREP single-flag evaluation over HTTP, 50 connections, varying
// targeting keys, 20 cohorts with rules: Glidepath's standalone OFREP server and the Next.js
// route handler, against a bare node:http server returning fixed JSON, measured in the same
// run in alternating rounds (medians; the machine is shared and noisy).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { benchContexts, createBenchFixture } from "./bench-fixture";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 50;
const root = path.resolve(import.meta.dirname, "../..");
// BENCH_PORT_BASE moves the three servers (base+11…13), so two people can bench side by side.
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 3900);

type Target = { name: string; port: number; command: string[]; env?: Record<string, string>; ready: string };

function start(target: Target, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(target.command[0]!, target.command.slice(1), {
    cwd: root,
    env: { ...env, ...target.env },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

async function waitFor(url: string, init: RequestInit) {
  for (let i = 0; i < 300; i++) {
    try {
      const response = await fetch(url, init);
      if (response.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up`);
}

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

// wrk (C, from Debian's package) drives far more load from one core than a Node client, so
// it is used when installed; autocannon otherwise.
const wrk = ["/usr/bin/wrk", "/usr/local/bin/wrk"].find((p) => fs.existsSync(p));

function measureWithWrk(port: number, sdkKey: string, bodiesFile: string, seconds: number) {
  const output = execFileSync(
    wrk!,
    [
      "-t1",
      `-c${CONNECTIONS}`,
      `-d${seconds}s`,
      "--latency",
      "-s",
      path.join(root, "scripts/bench/wrk-bodies.lua"),
      `http://127.0.0.1:${port}/ofrep/v1/evaluate/flags/new-checkout`,
      "--",
      bodiesFile,
      sdkKey,
    ],
    { encoding: "utf8" },
  );
  const ms = (label: string) => {
    const match = output.match(new RegExp(`${label}%\\s+([\\d.]+)(us|ms|s)`));
    if (!match) throw new Error(`wrk output without ${label}%:\n${output}`);
    const value = Number(match[1]);
    return match[2] === "us" ? value / 1000 : match[2] === "s" ? value * 1000 : value;
  };
  if (/Non-2xx or 3xx responses/.test(output)) throw new Error(`port ${port}: non-2xx responses\n${output}`);
  return { rps: Number(output.match(/Requests\/sec:\s+([\d.]+)/)![1]), p50: ms("50"), p99: ms("99") };
}

async function measure(port: number, sdkKey: string, bodies: string[], seconds = SECONDS) {
  if (wrk) {
    const file = path.join(fixture.dir, "bodies.jsonl");
    if (!fs.existsSync(file)) fs.writeFileSync(file, bodies.join("\n"));
    return measureWithWrk(port, sdkKey, file, seconds);
  }
  let i = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/ofrep/v1/evaluate/flags/new-checkout`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: "POST",
        headers: { authorization: `Bearer ${sdkKey}`, "content-type": "application/json" },
        setupRequest: (request) => ({ ...request, body: bodies[i++ % bodies.length] }),
      },
    ],
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`port ${port}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

const fixture = await createBenchFixture();
console.log(`load generator: ${wrk ?? "autocannon (install Debian's wrk for a lighter one)"}`);
// The servers run with their default per-key rate limit: one SDK key at full load must get no
// 429 (any non-2xx answer fails the run), which is what the default promises.
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: fixture.url,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
};
const hasNextBuild = fs.existsSync(path.join(root, ".next", "BUILD_ID"));
const targets: Target[] = [
  {
    name: "bare node:http (fixed JSON)",
    port: PORT_BASE + 11,
    command: [process.execPath, "--import", "tsx", "scripts/bench/bare-server.ts"],
    ready: "bare",
    env: { PORT: String(PORT_BASE + 11) },
  },
  {
    name: "Glidepath OFREP server",
    port: PORT_BASE + 12,
    command: [process.execPath, "--import", "tsx", "--conditions=react-server", "scripts/ofrep-server.ts"],
    ready: "ofrep",
    env: { OFREP_PORT: String(PORT_BASE + 12) },
  },
  ...(hasNextBuild
    ? [
        {
          name: "Glidepath Next.js route",
          port: PORT_BASE + 13,
          command: [process.execPath, "node_modules/next/dist/bin/next", "start", "-p", String(PORT_BASE + 13)],
          ready: "next",
          env: { NEXTAUTH_SECRET: "bench" },
        },
      ]
    : []),
];

const only = process.env.BENCH_TARGETS?.split(",");
if (only) targets.splice(0, targets.length, ...targets.filter((t, i) => i === 0 || only.includes(t.ready)));
const children = targets.map((t) => start(t, env));
const bodies = benchContexts(10_000);
try {
  for (const t of targets)
    await waitFor(`http://127.0.0.1:${t.port}/ofrep/v1/evaluate/flags/new-checkout`, {
      method: "POST",
      headers: { authorization: `Bearer ${fixture.sdkKey}` },
      body: bodies[0],
    });
  const sample = await fetch(`http://127.0.0.1:${targets.at(-1)!.port}/ofrep/v1/evaluate/flags/new-checkout`, {
    method: "POST",
    headers: { authorization: `Bearer ${fixture.sdkKey}` },
    body: bodies[1],
  });
  console.log("sample answer:", await sample.text());
  for (const t of targets) await measure(t.port, fixture.sdkKey, bodies, 2); // warm-up (JIT, pools)

  const results = new Map<string, { rps: number; p50: number; p99: number }[]>(targets.map((t) => [t.name, []]));
  for (let round = 1; round <= ROUNDS; round++) {
    for (const t of targets) {
      const r = await measure(t.port, fixture.sdkKey, bodies);
      results.get(t.name)!.push(r);
      console.log(
        `round ${round} ${t.name.padEnd(30)} ${Math.round(r.rps).toString().padStart(7)} rps  p50 ${r.p50} ms  p99 ${r.p99} ms`,
      );
    }
  }
  const bare = median(results.get(targets[0]!.name)!.map((r) => r.rps));
  console.log(
    `\nload: ${wrk ? "wrk, 1 thread" : "autocannon"}; ${CONNECTIONS} connections, ${SECONDS}s × ${ROUNDS} alternating rounds, 10,000 distinct contexts, 20 cohorts × 2 conditions, medians:`,
  );
  console.log("| target | rps | p50 ms | p99 ms | share of bare |");
  console.log("| --- | ---: | ---: | ---: | ---: |");
  for (const t of targets) {
    const rs = results.get(t.name)!;
    const rps = median(rs.map((r) => r.rps));
    console.log(
      `| ${t.name} | ${Math.round(rps)} | ${median(rs.map((r) => r.p50))} | ${median(rs.map((r) => r.p99))} | ${((rps / bare) * 100).toFixed(0)}% |`,
    );
  }
  // Rounds alternate, so each round's bare figure is the nearest baseline: on a shared machine
  // the median of per-round ratios is steadier than a ratio of medians.
  const bareRounds = results.get(targets[0]!.name)!;
  for (const t of targets.slice(1)) {
    const rs = results.get(t.name)!;
    const p99Ratio = median(rs.map((r, i) => r.p99 / bareRounds[i]!.p99));
    const rpsShare = median(rs.map((r, i) => r.rps / bareRounds[i]!.rps));
    console.log(
      `${t.name}, per-round against bare: p99 ${p99Ratio.toFixed(2)}×, rps ${(rpsShare * 100).toFixed(0)}% (medians)`,
    );
  }
} finally {
  for (const child of children) child.kill("SIGTERM");
  fs.rmSync(fixture.dir, { recursive: true, force: true });
}
