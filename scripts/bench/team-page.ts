// npm run bench:team-page — the team page with 200 releases (160 rolling, 20 paused), on SQLite
// and PostgreSQL (when 127.0.0.1:5432 answers). Times what the page reads: the overview it
// waits for before sending anything (first page of 20 rollouts, pending approvals, recent
// activity) and the health column streamed in after it (sparklines of 2 metrics × 7 cohorts ×
// 2 variants per row). Baseline in the same run: the same reads for every row at once, no
// pagination. With a production build in NEXT_DIST_DIR (default .next), also the whole HTTP
// response of the running server, against /releases (the page that draws all 200) as baseline.
// Medians of BENCH_RUNS (21) runs after 2 warm-ups.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { DatabaseProvider } from "../../lib/db/database-url";
import { listReleases } from "../../lib/releases/list-releases";
import { getTeamContext } from "../../lib/auth/get-team-context";
import { getTeamOverview } from "../../lib/teams/get-team-overview";
import { ACTIVE_STATUSES } from "../../lib/teams/list-active-rollouts";
import { readRolloutHealth, type HealthScope } from "@/lib/metrics/rollout-health";
import { createTeamPageFixture, postgresReachable, RELEASES, type TeamPageFixture } from "./team-page-fixture";

const RUNS = Math.max(15, Number(process.env.BENCH_RUNS ?? 21));
const root = path.resolve(import.meta.dirname, "../..");
const distDir = process.env.NEXT_DIST_DIR || ".next";
const HTTP_PORT = Number(process.env.BENCH_PORT ?? 3890);
const withHttp = process.env.BENCH_HTTP !== "0" && fs.existsSync(path.join(root, distDir, "BUILD_ID"));

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  await work();
  await work();
  const times: number[] = [];
  let result!: T;
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    result = await work();
    times.push(performance.now() - started);
  }
  return { ms: median(times), result };
}

const healthOf = (scope: HealthScope, keys: string[]) => Promise.all(keys.map((key) => readRolloutHealth(scope, key)));

async function inProcess(fx: TeamPageFixture) {
  // Resolving the member's access is part of the team page's work, so it is timed with it.
  const overview = async (pageSize?: number) =>
    getTeamOverview(await getTeamContext(fx.actor, fx.teamSlug, "production"), { pageSize });
  const production = await getTeamContext(fx.actor, fx.teamSlug, "production");
  const withHealth = async (pageSize?: number) => {
    const o = await overview(pageSize);
    return healthOf(
      o.health,
      o.rollouts.rollouts.map((r) => r.key),
    );
  };
  const firstPage = await timed(() => overview());
  const firstPageWithHealth = await timed(() => withHealth());
  // Baselines, every row at once: the same reads without pagination, and the releases page's
  // own use case (every release of the environment, filtered here).
  const allRows = await timed(() => overview(10_000));
  const allRowsWithHealth = await timed(() => withHealth(10_000));
  const releasesPage = await timed(async () =>
    (await listReleases(production)).filter((r) => (ACTIVE_STATUSES as readonly string[]).includes(r.status)),
  );
  const rows = firstPage.result.rollouts.rollouts.length;
  const regressions = firstPageWithHealth.result
    .flat()
    .filter((h) => h.state === "ok" && h.comparison.regression).length;
  if (
    allRows.result.rollouts.rollouts.length !== fx.activeReleases ||
    allRowsWithHealth.result.length !== fx.activeReleases ||
    releasesPage.result.length !== fx.activeReleases
  ) {
    throw new Error("a baseline did not read every active release");
  }
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  return [
    `overview (first page: ${rows} rows, pending, activity): ${ms(firstPage.ms)} | all ${fx.activeReleases} rows: ${ms(allRows.ms)} (${(allRows.ms / firstPage.ms).toFixed(1)}×) | listReleases, all rows: ${ms(releasesPage.ms)}`,
    `overview + health of its rows (${regressions} regressions flagged): ${ms(firstPageWithHealth.ms)} | all ${fx.activeReleases} rows + health: ${ms(allRowsWithHealth.ms)} (${(allRowsWithHealth.ms / firstPageWithHealth.ms).toFixed(1)}×)`,
  ];
}

async function waitFor(url: string) {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up`);
}

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

/** The development sign-in, as the browser does it: CSRF token, then the credentials callback. */
async function signIn(base: string, userId: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const response = await fetch(`${base}/api/auth/callback/dev`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, userId, callbackUrl: `${base}/`, json: "true" }),
    redirect: "manual",
  });
  const session = cookiesOf(response).find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`sign-in failed: ${response.status}`);
  return session;
}

async function httpTimes(url: string, cookie: string) {
  const first: number[] = [];
  const full: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS + 2; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers: { cookie } });
    const headers = performance.now();
    const body = await response.text();
    const done = performance.now();
    if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
    if (i < 2) continue;
    first.push(headers - started);
    full.push(done - started);
    bytes = body.length;
  }
  return { first: median(first), full: median(full), bytes };
}

async function overHttp(fx: TeamPageFixture): Promise<string[]> {
  let server: ChildProcess | undefined;
  try {
    server = spawn(
      process.execPath,
      [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(HTTP_PORT)],
      {
        cwd: root,
        env: {
          ...process.env,
          NEXT_DIST_DIR: distDir,
          DATABASE_URL: fx.url,
          NEXTAUTH_URL: `http://localhost:${HTTP_PORT}`,
          NEXTAUTH_SECRET: "bench-secret-not-for-production",
          GLIDEPATH_DEV_LOGIN: "1",
          NEXT_TELEMETRY_DISABLED: "1",
        },
        stdio: ["ignore", "ignore", "inherit"],
      },
    );
    const base = `http://localhost:${HTTP_PORT}`;
    await waitFor(`${base}/signin`);
    const cookie = await signIn(base, fx.userId);
    const team = await httpTimes(`${base}/teams/${fx.teamSlug}?env=production`, cookie);
    const releases = await httpTimes(`${base}/teams/${fx.teamSlug}/releases?env=production`, cookie);
    // The floor: a light page with the same layout and session handling.
    const cohorts = await httpTimes(`${base}/teams/${fx.teamSlug}/cohorts`, cookie);
    const line = (label: string, t: { first: number; full: number; bytes: number }) =>
      `HTTP ${label}: first byte ${t.first.toFixed(0)} ms, whole response ${t.full.toFixed(0)} ms (${(t.bytes / 1024).toFixed(0)} KiB)`;
    return [
      line("/teams/bench (20 rows, health streamed)", team),
      line(`/teams/bench/releases (all ${RELEASES}, no health)`, releases),
      line("/teams/bench/cohorts (floor)", cohorts),
    ];
  } finally {
    server?.kill("SIGTERM");
  }
}

const providers = (process.env.BENCH_PROVIDERS ?? "sqlite,postgres").split(",") as DatabaseProvider[];
const lines: string[] = [];
for (const provider of providers) {
  if (provider === "postgres" && !(await postgresReachable())) {
    console.log("postgres: 127.0.0.1:5432 does not answer, skipped");
    continue;
  }
  console.log(`${provider}: seeding ${RELEASES} releases with rollouts, requests, audit events and 24 h of metrics…`);
  const started = Date.now();
  const fx = await createTeamPageFixture(provider, console.log);
  console.log(
    `${provider}: seeded in ${((Date.now() - started) / 1000).toFixed(0)} s (${fx.activeReleases} active in production)`,
  );
  try {
    for (const line of await inProcess(fx)) lines.push(`${provider.padEnd(8)} ${line}`);
    if (withHttp) for (const line of await overHttp(fx)) lines.push(`${provider.padEnd(8)} ${line}`);
    console.log(lines.filter((l) => l.startsWith(provider)).join("\n"));
  } finally {
    await fx.drop();
  }
}
if (!withHttp)
  lines.push(
    `(HTTP timings skipped: no production build in ${distDir}; build one, e.g. NEXT_DIST_DIR=.next-bench npx next build, and run with the same NEXT_DIST_DIR)`,
  );
console.log(`\nSummary (medians of ${RUNS} runs after 2 warm-ups):\n${lines.join("\n")}`);
process.exit(0);
