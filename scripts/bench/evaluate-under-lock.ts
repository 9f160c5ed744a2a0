// npm run bench:evaluate-under-lock — how evaluations answer while another connection holds
// a lock on the database: a dedicated OFREP server (createOfrepServer over the evaluation
// store, as `npm run ofrep` runs it, without exposure counting so that only the snapshot path
// is measured) in a child process, requests one after another over HTTP from this one.
// Per scenario: a phase without the lock (the baseline, same run), a phase with it held, and
// how long until /healthz says so and until it recovers after the release.
//
// Scenarios: SQLite in WAL mode (as migrations leave it) with a writer's BEGIN EXCLUSIVE;
// SQLite in rollback-journal mode with BEGIN EXCLUSIVE (blocks readers); PostgreSQL with
// LOCK TABLE "Environment" IN ACCESS EXCLUSIVE MODE in an open transaction.
// Env: BENCH_PHASE_MS (4000).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { sqliteFilePath } from "../../lib/db/database-url";
import { E2E_SDK_KEY } from "../e2e/e2e-constants";
import { median } from "./round-stats";

const PHASE_MS = Number(process.env.BENCH_PHASE_MS ?? 4000);
const ADMIN_URL = process.env.GLIDEPATH_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const tsx = path.resolve("node_modules/.bin/tsx");

async function prepare(url: string) {
  const child = spawn(tsx, ["--conditions=react-server", "scripts/bench/lock-bench-prepare.ts", url], {
    stdio: "inherit",
  });
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`preparing ${url} failed (${code})`);
}

async function startServer(url: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(tsx, ["--conditions=react-server", "scripts/bench/lock-bench-server.ts"], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const base = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      const match = /listening on (http:\/\/\S+)/.exec(chunk.toString());
      if (match) resolve(match[1]!);
    });
    child.on("exit", (code) => reject(new Error(`server exited (${code})`)));
  });
  return { child, base };
}

type Sample = { ms: number; stale: boolean };

async function evaluateFor(base: string, ms: number): Promise<Sample[]> {
  const samples: Sample[] = [];
  const end = performance.now() + ms;
  while (performance.now() < end) {
    const start = performance.now();
    const response = await fetch(`${base}/ofrep/v1/evaluate/flags/new-checkout`, {
      method: "POST",
      headers: { authorization: `Bearer ${E2E_SDK_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ context: { targetingKey: `user-${samples.length}`, country: "DE" } }),
    });
    const body = (await response.json()) as { metadata?: { snapshotStale?: boolean } };
    samples.push({ ms: performance.now() - start, stale: body.metadata?.snapshotStale === true });
  }
  return samples;
}

/** Milliseconds until /healthz answers `status`, or null when it doesn't within `limitMs`. */
async function untilHealth(base: string, status: number, limitMs: number): Promise<number | null> {
  const start = performance.now();
  while (performance.now() - start < limitMs) {
    if ((await fetch(`${base}/healthz`)).status === status) return performance.now() - start;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return null;
}

function describe(samples: Sample[]) {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const p99 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? NaN;
  return {
    count: samples.length,
    p50: median(sorted),
    p99,
    max: sorted.at(-1) ?? NaN,
    stale: samples.filter((s) => s.stale).length / samples.length,
  };
}

type Lock = { take(): Promise<void>; release(): Promise<void> };

function sqliteLock(url: string): Lock {
  let db: Database.Database | null = null;
  return {
    take: async () => {
      db = new Database(sqliteFilePath(url), { timeout: 10_000 });
      db.exec("BEGIN EXCLUSIVE");
      db.prepare(`UPDATE "Environment" SET "name" = "name"`).run();
    },
    release: async () => {
      db?.exec("ROLLBACK");
      db?.close();
    },
  };
}

function postgresLock(url: string): Lock {
  const client = new pg.Client({ connectionString: url });
  return {
    take: async () => {
      await client.connect();
      await client.query("BEGIN");
      await client.query(`LOCK TABLE "Environment" IN ACCESS EXCLUSIVE MODE`);
    },
    release: async () => {
      await client.query("ROLLBACK");
      await client.end();
    },
  };
}

async function scenario(name: string, url: string, lock: Lock, expectStale: boolean) {
  const { child, base } = await startServer(url);
  try {
    const before = describe(await evaluateFor(base, PHASE_MS));
    await lock.take();
    const [during, toUnhealthy] = await Promise.all([
      evaluateFor(base, PHASE_MS),
      expectStale ? untilHealth(base, 503, PHASE_MS) : Promise.resolve(null),
    ]);
    await lock.release();
    const toHealthy = await untilHealth(base, 200, 10_000);
    const d = describe(during);
    const ms = (v: number) => v.toFixed(1);
    const ratio = (v: number, b: number) => `${(v / b).toFixed(1)}×`;
    console.log(
      `| ${name} | ${before.count} / ${d.count} | ${ms(before.p50)} / ${ms(d.p50)} (${ratio(d.p50, before.p50)}) | ${ms(before.p99)} / ${ms(d.p99)} (${ratio(d.p99, before.p99)}) | ${ms(d.max)} | ${(d.stale * 100).toFixed(0)}% | ${toUnhealthy === null ? "stays 200" : `${Math.round(toUnhealthy)} ms`} | ${toHealthy === null ? "—" : `${Math.round(toHealthy)} ms`} |`,
    );
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "glidepath-lock-bench-"));
const pgName = `glidepath_lock_bench_${process.pid}`;
const admin = new pg.Client({ connectionString: ADMIN_URL });
try {
  console.log(
    `Evaluations one after another over HTTP, ${PHASE_MS / 1000} s without the lock, then ${PHASE_MS / 1000} s with it (${os.cpus().length} cores, shared)\n`,
  );
  console.log(
    "| scenario | requests (before / locked) | p50 ms (before / locked) | p99 ms (before / locked) | max ms locked | flagged stale while locked | /healthz 503 after | 200 again after release |",
  );
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  const wal = `file:${path.join(dir, "wal.db")}`;
  await prepare(wal);
  await scenario("SQLite, WAL, writer holds BEGIN EXCLUSIVE", wal, sqliteLock(wal), false);

  const rollback = `file:${path.join(dir, "rollback.db")}`;
  await prepare(rollback);
  const switcher = new Database(sqliteFilePath(rollback));
  switcher.pragma("journal_mode = DELETE");
  switcher.close();
  await scenario("SQLite, rollback journal, BEGIN EXCLUSIVE (blocks reads)", rollback, sqliteLock(rollback), true);

  await admin.connect();
  await admin.query(`CREATE DATABASE "${pgName}"`);
  const pgUrl = Object.assign(new URL(ADMIN_URL), { pathname: `/${pgName}` }).toString();
  await prepare(pgUrl);
  await scenario('PostgreSQL, LOCK TABLE "Environment" ACCESS EXCLUSIVE', pgUrl, postgresLock(pgUrl), true);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
  await admin
    .query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [
      pgName,
    ])
    .catch(() => undefined);
  await admin.query(`DROP DATABASE IF EXISTS "${pgName}"`).catch(() => undefined);
  await admin.end().catch(() => undefined);
}
