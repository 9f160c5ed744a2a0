// npm run bench:metrics-kill — how much a hard kill loses: sustained POST /api/v1/metrics on
// the dedicated server (wrk, 8 connections, batches of 500), SIGKILL after BENCH_KILL_AFTER
// seconds while the load runs, a fresh start on the same database (which replays the crash
// journal), a clean stop, then the store is summed against what wrk saw accepted. Per round on
// a fresh SQLite file (BENCH_PROVIDERS=sqlite,postgres for both); medians.
// BENCH_ROOT=<another checkout> runs that checkout's server with the same load (a before/after).
import { execFile, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { createDb } from "../../lib/db/client";
import type { DatabaseProvider } from "../../lib/db/database-url";
import { createBenchFixture, type BenchFixture } from "./bench-fixture";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const KILL_AFTER_S = Number(process.env.BENCH_KILL_AFTER ?? 8);
const BATCH = 500;
const PORT = Number(process.env.BENCH_PORT_BASE ?? 3900) + 32;
const providers = (process.env.BENCH_PROVIDERS ?? "sqlite").split(",") as DatabaseProvider[];
const ADMIN_URL = process.env.GLIDEPATH_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const root = path.resolve(import.meta.dirname, "../..");
const serverRoot = path.resolve(process.env.BENCH_ROOT ?? root);
const wrk = ["/usr/bin/wrk", "/usr/local/bin/wrk"].find((p) => fs.existsSync(p));
if (!wrk) throw new Error("bench:metrics-kill needs wrk (apt-get install wrk)");
const execFileAsync = promisify(execFile);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The metrics-ingest workload: error rates, latencies and checkouts over 20 cohorts × 2 variants. */
function batches(count: number): string[] {
  let seed = 42;
  const random = () => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32;
  return Array.from({ length: count }, () => {
    const observations = Array.from({ length: BATCH }, (_, i) => {
      const base = {
        release: "new-checkout",
        cohort: `cohort-${Math.floor(random() * 20)}`,
        variant: random() < 0.5 ? "treatment" : "control",
      };
      if (i % 5 === 4) return { ...base, metric: "checkouts", value: 1 };
      if (i % 2 === 0) return { ...base, metric: "error-rate", value: random() < 0.02 ? 1 : 0 };
      return { ...base, metric: "latency", value: Math.round(Math.exp(4.5 + random()) * 10) / 10 };
    });
    return JSON.stringify({ observations });
  });
}

class Server {
  readonly lines: string[] = [];
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
  constructor(url: string) {
    this.child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/ofrep-server.ts"], {
      cwd: serverRoot,
      env: {
        ...process.env,
        DATABASE_URL: url,
        OFREP_PORT: String(PORT),
        NODE_ENV: "production",
        GLIDEPATH_SDK_RATE_LIMIT: "0",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    for (const stream of [this.child.stdout!, this.child.stderr!])
      stream.on("data", (chunk: Buffer) => this.lines.push(...chunk.toString("utf8").split("\n")));
    this.exited = new Promise((resolve) => this.child.once("exit", () => resolve()));
  }
  async waitFor(pattern: RegExp, timeoutMs = 120_000) {
    for (let waited = 0; waited < timeoutMs; waited += 100) {
      if (this.lines.some((line) => pattern.test(line))) return true;
      await sleep(100);
    }
    return false;
  }
}

async function freshDatabase(provider: DatabaseProvider): Promise<{ url?: string; drop: () => Promise<void> }> {
  if (provider === "sqlite") return { drop: async () => {} };
  const name = `glidepath_kill_bench_${Date.now().toString(36)}`;
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

async function stored(url: string) {
  const db = createDb(url);
  const rows = await db.$queryRaw<
    { total: number }[]
  >`SELECT SUM("count") AS "total" FROM "MetricAggregate" a JOIN "MetricSeries" s ON s."id" = a."seriesId" WHERE a."resolution" = 86400 AND s."metricKey" <> '$exposure'`;
  await db.$disconnect();
  return Number(rows[0]?.total ?? 0);
}

async function round(provider: DatabaseProvider) {
  const database = await freshDatabase(provider);
  const fixture: BenchFixture = await createBenchFixture(database.url);
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
  const file = path.join(fixture.dir, "batches.jsonl");
  fs.writeFileSync(file, batches(200).join("\n"));
  try {
    const first = new Server(fixture.url);
    await first.waitFor(/OFREP server on/);
    const load = execFileAsync(wrk!, [
      "-t1",
      "-c8",
      `-d${KILL_AFTER_S + 4}s`,
      "-s",
      path.join(root, "scripts/bench/wrk-bodies.lua"),
      `http://127.0.0.1:${PORT}/api/v1/metrics`,
      "--",
      file,
      fixture.sdkKey,
    ]);
    await sleep(KILL_AFTER_S * 1000);
    first.child.kill("SIGKILL");
    await first.exited;
    const output = (await load).stdout;
    const requests = Number(/(\d+) requests in/.exec(output)![1]);
    const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0);
    const accepted = (requests - non2xx) * BATCH;
    const second = new Server(fixture.url);
    await second.waitFor(/OFREP server on/);
    const replayed = await second.waitFor(/\[metrics\] replayed/, serverRoot === root ? 120_000 : 3_000);
    second.child.kill("SIGTERM");
    await second.exited;
    const inStore = await stored(fixture.url);
    return { accepted, stored: inStore, lost: Math.max(0, accepted - inStore), replayed };
  } finally {
    fs.rmSync(fixture.dir, { recursive: true, force: true });
    await database.drop();
  }
}

const summary: string[] = [];
for (const provider of providers) {
  const results: Awaited<ReturnType<typeof round>>[] = [];
  for (let i = 1; i <= ROUNDS; i++) {
    const r = await round(provider);
    results.push(r);
    console.log(
      `${provider} round ${i}: ${r.accepted.toLocaleString("en")} accepted before the kill, ${r.stored.toLocaleString("en")} stored after the restart, ${r.lost.toLocaleString("en")} lost${r.replayed ? " (journal replayed)" : ""}`,
    );
  }
  const lost = median(results.map((r) => r.lost));
  const accepted = median(results.map((r) => r.accepted));
  summary.push(
    `| ${provider} | ${accepted.toLocaleString("en")} | ${median(results.map((r) => r.stored)).toLocaleString("en")} | ${lost.toLocaleString("en")} (${((lost / accepted) * 100).toFixed(2)}%) |`,
  );
}
console.log(
  `\nwrk, 8 connections, batches of ${BATCH}, SIGKILL after ${KILL_AFTER_S} s under load, ${ROUNDS} rounds (server: ${path.relative(process.cwd(), serverRoot) || "."}), medians:`,
);
console.log("| database | accepted before the kill | stored after restart | lost |");
console.log("| --- | ---: | ---: | ---: |");
console.log(summary.join("\n"));
process.exit(0);
