// npm run bench:metrics-ingest — sustained observations per second into the built-in store
// through POST /api/v1/metrics on the dedicated server (and the Next.js route when built),
// against a bare node:http server that only parses the same batches, in alternating rounds.
// After the runs the store is checked: every accepted observation must be in the database.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { createDb } from "../../lib/db/client";
import type { DatabaseProvider } from "../../lib/db/database-url";
import { createBenchFixture, type BenchFixture } from "./bench-fixture";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const BATCH = 500;
const CONNECTIONS = 8;
const providers = (process.env.BENCH_PROVIDERS ?? "sqlite,postgres").split(",") as DatabaseProvider[];
const root = path.resolve(import.meta.dirname, "../..");
// BENCH_PORT_BASE moves the servers (base+21 … base+23), as in bench:evaluate.
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 3900);
// BENCH_COMPARE_ROOT=<another checkout>: its dedicated server joins the alternating rounds, on a
// database of its own (a before/after measured in the same run).
const COMPARE_ROOT = process.env.BENCH_COMPARE_ROOT ? path.resolve(process.env.BENCH_COMPARE_ROOT) : null;
const ADMIN_URL = process.env.GLIDEPATH_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const wrk = ["/usr/bin/wrk", "/usr/local/bin/wrk"].find((p) => fs.existsSync(p));
if (!wrk) throw new Error("bench:metrics-ingest needs wrk (apt-get install wrk)");

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Batches like an application sends: requests with errors, latencies and checkouts per cohort and variant. */
function batches(count: number): string[] {
  let seed = 42;
  const random = () => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32;
  return Array.from({ length: count }, () => {
    const observations = Array.from({ length: BATCH }, (_, i) => {
      const cohort = `cohort-${Math.floor(random() * 20)}`;
      const variant = random() < 0.5 ? "treatment" : "control";
      const base = { release: "new-checkout", cohort, variant };
      if (i % 5 === 4) return { ...base, metric: "checkouts", value: 1 };
      if (i % 2 === 0) return { ...base, metric: "error-rate", value: random() < 0.02 ? 1 : 0 };
      return { ...base, metric: "latency", value: Math.round(Math.exp(4.5 + random()) * 10) / 10 };
    });
    return JSON.stringify({ observations });
  });
}

async function freshDatabase(provider: DatabaseProvider): Promise<{ url?: string; drop: () => Promise<void> }> {
  if (provider === "sqlite") return { drop: async () => {} };
  const name = `glidepath_ingest_bench_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: ADMIN_URL });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

async function waitUntilUp(port: number) {
  for (let i = 0; i < 300; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/api/v1/metrics`, { method: "POST", body: "{}" });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`port ${port} did not come up`);
}

function run(port: number, file: string, key: string, seconds: number) {
  const output = execFileSync(
    wrk!,
    [
      "-t1",
      `-c${CONNECTIONS}`,
      `-d${seconds}s`,
      "--latency",
      "-s",
      path.join(root, "scripts/bench/wrk-bodies.lua"),
      `http://127.0.0.1:${port}/api/v1/metrics`,
      "--",
      file,
      key,
    ],
    { encoding: "utf8" },
  );
  if (/Non-2xx or 3xx responses/.test(output)) throw new Error(`port ${port}: non-2xx responses\n${output}`);
  const requests = Number(output.match(/(\d+) requests in/)![1]);
  const p99 = output.match(/99%\s+([\d.]+)(us|ms|s)/)!;
  const p99ms = Number(p99[1]) * (p99[2] === "us" ? 0.001 : p99[2] === "s" ? 1000 : 1);
  return { requests, observationsPerSecond: (requests * BATCH) / seconds, p99ms };
}

async function defineMetrics(fixture: BenchFixture) {
  const db = createDb(fixture.url);
  await db.metricDefinition.createMany({
    data: [
      {
        teamId: fixture.teamId,
        key: "error-rate",
        name: "Error rate",
        kind: "error_rate",
        unit: "%",
        badDirection: "up",
        position: 1,
      },
      {
        teamId: fixture.teamId,
        key: "latency",
        name: "Latency",
        kind: "latency",
        unit: "ms",
        badDirection: "up",
        position: 2,
      },
      {
        teamId: fixture.teamId,
        key: "checkouts",
        name: "Checkouts",
        kind: "count",
        unit: "orders",
        badDirection: "down",
        position: 3,
      },
    ],
  });
  await db.$disconnect();
}

async function storedObservations(url: string) {
  const db = createDb(url);
  const rows = await db.$queryRaw<
    { total: number }[]
  >`SELECT SUM("count") AS "total" FROM "MetricAggregate" a JOIN "MetricSeries" s ON s."id" = a."seriesId" WHERE a."resolution" = 86400 AND s."metricKey" <> '$exposure'`;
  await db.$disconnect();
  return Number(rows[0]?.total ?? 0);
}

const summary: string[] = [];
for (const provider of providers) {
  const database = await freshDatabase(provider);
  const fixture = await createBenchFixture(database.url);
  await defineMetrics(fixture);
  const compare = COMPARE_ROOT ? await freshDatabase(provider) : null;
  const compareFixture = compare ? await createBenchFixture(compare.url) : null;
  if (compareFixture) await defineMetrics(compareFixture);
  const file = path.join(fixture.dir, "batches.jsonl");
  fs.writeFileSync(file, batches(200).join("\n"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: fixture.url,
    NODE_ENV: "production",
    GLIDEPATH_SDK_RATE_LIMIT: "0",
    GLIDEPATH_INGEST_RATE_LIMIT: "0",
    GLIDEPATH_INGEST_OBSERVATION_RATE_LIMIT: "0",
    GLIDEPATH_METRICS_FLUSH_MS: "1000",
  };
  type Target = {
    name: string;
    port: number;
    command: string[];
    env: Record<string, string>;
    cwd: string;
    key: string;
  };
  const server = ["--import", "tsx", "--conditions=react-server", "scripts/ofrep-server.ts"];
  const targets: Target[] = [
    {
      name: "bare node:http (parse only)",
      port: PORT_BASE + 21,
      command: [process.execPath, "--import", "tsx", "scripts/bench/bare-ingest-server.ts"],
      env: { PORT: String(PORT_BASE + 21) },
      cwd: root,
      key: fixture.sdkKey,
    },
    {
      name: "Glidepath dedicated server",
      port: PORT_BASE + 22,
      command: [process.execPath, ...server],
      env: { OFREP_PORT: String(PORT_BASE + 22) },
      cwd: root,
      key: fixture.sdkKey,
    },
    ...(compareFixture && COMPARE_ROOT
      ? [
          {
            name: "previous checkout's server",
            port: PORT_BASE + 23,
            command: [process.execPath, ...server],
            env: { OFREP_PORT: String(PORT_BASE + 23), DATABASE_URL: compareFixture.url },
            cwd: COMPARE_ROOT,
            key: compareFixture.sdkKey,
          },
        ]
      : []),
  ];
  const children: ChildProcess[] = targets.map((t) =>
    spawn(t.command[0]!, t.command.slice(1), {
      cwd: t.cwd,
      env: { ...env, ...t.env },
      stdio: ["ignore", "ignore", "inherit"],
    }),
  );
  try {
    for (const t of targets) await waitUntilUp(t.port);
    let sentToGlidepath = 0;
    for (const t of targets) {
      const warmUp = run(t.port, file, t.key, 2);
      if (t.port === PORT_BASE + 22) sentToGlidepath += warmUp.requests * BATCH;
    }
    const results = new Map(targets.map((t) => [t.name, [] as ReturnType<typeof run>[]]));
    for (let round = 1; round <= ROUNDS; round++) {
      for (const t of targets) {
        const r = run(t.port, file, t.key, SECONDS);
        results.get(t.name)!.push(r);
        if (t.port === PORT_BASE + 22) sentToGlidepath += r.requests * BATCH;
        console.log(
          `${provider} round ${round} ${t.name.padEnd(30)} ${Math.round(r.observationsPerSecond).toLocaleString("en").padStart(9)} obs/s  p99 ${r.p99ms} ms`,
        );
      }
    }
    // Stop the Glidepath server (a final flush on SIGTERM), then count what reached the store.
    const glidepath = children[1]!;
    const exited = new Promise((resolve) => glidepath.once("exit", resolve));
    glidepath.kill("SIGTERM");
    await exited;
    const stored = await storedObservations(fixture.url);
    const rate = (i: number) => median(results.get(targets[i]!.name)!.map((r) => r.observationsPerSecond));
    const [bare, ours] = [rate(0), rate(1)];
    const previous = targets[2] ? ` ${Math.round(rate(2)).toLocaleString("en")} |` : "";
    const line = `| ${provider} | ${Math.round(ours).toLocaleString("en")} |${previous} ${Math.round(bare).toLocaleString("en")} | ${((ours / bare) * 100).toFixed(0)}% | ${stored.toLocaleString("en")} of ${sentToGlidepath.toLocaleString("en")} |`;
    summary.push(line);
  } finally {
    for (const child of children) child.kill("SIGTERM");
    fs.rmSync(fixture.dir, { recursive: true, force: true });
    if (compareFixture) fs.rmSync(compareFixture.dir, { recursive: true, force: true });
    await database.drop();
    await compare?.drop();
  }
}
console.log(
  `\nwrk, 1 thread, ${CONNECTIONS} connections, batches of ${BATCH}, ${SECONDS}s × ${ROUNDS} alternating rounds, medians:`,
);
console.log(
  `| database | Glidepath obs/s |${COMPARE_ROOT ? " previous checkout obs/s |" : ""} bare parse-only obs/s | share | stored after the run, of accepted |`,
);
console.log(`| --- | ---: |${COMPARE_ROOT ? " ---: |" : ""} ---: | ---: | ---: |`);
console.log(summary.join("\n"));
process.exit(0);
