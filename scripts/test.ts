// npm test: the whole suite. Unit and integration tests (SQLite and PostgreSQL), then the
// production build in Debian's Chromium against both databases. Starts what it needs.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { ensureChromium } from "./e2e/chromium-path";
import { aptInstall } from "./lib/apt-install";
import { prometheusMissingReason } from "../test/support/prometheus";
import { buildIfStale } from "./lib/build-if-stale";
import { run } from "./lib/run";

type Counts = { passed: number; failed: number; skipped: number };
const started = Date.now();
fs.mkdirSync("test-results", { recursive: true });

function vitestCounts(file: string): Counts {
  const report = JSON.parse(fs.readFileSync(file, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

function playwrightCounts(file: string): Counts {
  const report = JSON.parse(fs.readFileSync(file, "utf8")) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  };
  return {
    passed: report.stats.expected + report.stats.flaky,
    failed: report.stats.unexpected,
    skipped: report.stats.skipped,
  };
}

const bin = (name: string) => path.resolve("node_modules/.bin", name);
const totals: Counts = { passed: 0, failed: 0, skipped: 0 };
let failedStep = false;

console.log("\n━━ Unit and integration tests (Vitest) ━━");
// The metrics backend tests run a real Prometheus (Debian's package); without one they skip
// and say so, except under CI where a missing Prometheus fails them.
if (prometheusMissingReason() !== null && aptInstall("prometheus", "Prometheus not found")) {
  // Debian's package starts a service on :9090 where systemd runs; the tests start their own.
  spawnSync("pkill", ["-x", "prometheus"]);
}
const vitestReport = "test-results/vitest.json";
const vitestCode = await run(bin("vitest"), [
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${vitestReport}`,
]);
if (fs.existsSync(vitestReport))
  Object.entries(vitestCounts(vitestReport)).forEach(([k, v]) => (totals[k as keyof Counts] += v));
failedStep ||= vitestCode !== 0;

if (!process.env.SKIP_E2E) {
  console.log("\n━━ Browser tests (Playwright, production build, SQLite and PostgreSQL) ━━");
  process.env.CHROMIUM_PATH = ensureChromium();
  await buildIfStale();
  const e2eReport = "test-results/e2e.json";
  fs.rmSync(e2eReport, { force: true });
  const e2eCode = await run(bin("playwright"), ["test"]);
  if (fs.existsSync(e2eReport))
    Object.entries(playwrightCounts(e2eReport)).forEach(([k, v]) => (totals[k as keyof Counts] += v));
  failedStep ||= e2eCode !== 0;
}

const seconds = Math.round((Date.now() - started) / 1000);
console.log(`\nWhole suite took ${seconds}s`);
if (failedStep && totals.failed === 0) totals.failed = 1; // a runner that crashed counts as a failure
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedStep ? 1 : 0);
