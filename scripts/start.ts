// npm start: migrations, demo seed, build (when stale), then the dashboard. Embedded default:
// SQLite in ./data, development sign-in on 127.0.0.1 only, demo data.
import path from "node:path";
import { oidcConfig } from "../lib/auth/auth-config";
import { devLoginPlan, nextStartArgs } from "../lib/auth/dev-login-plan";
import { databaseUrl, providerOf } from "../lib/db/database-url";
import { applyPendingMigrations } from "../lib/db/migrate";
import { ensureAuthSecret } from "./lib/auth-secret";
import { buildIfStale } from "./lib/build-if-stale";
import { run } from "./lib/run";

const port = Number(process.env.PORT ?? 3000);
const url = databaseUrl();
const embedded = providerOf(url) === "sqlite";

process.env.DATABASE_URL = url;
process.env.NEXT_TELEMETRY_DISABLED = "1";
process.env.NEXTAUTH_SECRET = ensureAuthSecret();
process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
// The embedded default is a local demo: it offers the development sign-in, and then listens on
// loopback only. Anything else is a deployment, where it is off unless asked for (see the plan).
const plan = devLoginPlan();
process.env.GLIDEPATH_DEV_LOGIN = plan.devLogin ? "1" : "0";
for (const warning of plan.warnings) console.warn(`⚠ ${warning}`);

let demoSdkKey: string | null = null;
const applied = await applyPendingMigrations(url);
console.log(
  applied.length
    ? `✓ Applied migrations: ${applied.join(", ")}`
    : `✓ Database schema is up to date (${providerOf(url)})`,
);

if (process.env.GLIDEPATH_SEED_DEMO !== "0" && (embedded || process.env.GLIDEPATH_SEED_DEMO === "1")) {
  const { seedDemo } = await import("../lib/seed/seed-demo");
  const seeded = await seedDemo();
  console.log(seeded.created ? "✓ Seeded the demo team (Acme Shop)" : "✓ Demo data already present");
  const { ensureDemoSdkKey } = await import("../lib/seed/ensure-demo-sdk-key");
  demoSdkKey = await ensureDemoSdkKey();
}

await buildIfStale();
// Simulated shoppers for the demo team, so the release pages' charts are live from the start.
const demoTraffic = demoSdkKey !== null && process.env.GLIDEPATH_DEMO_TRAFFIC !== "0";
if (demoTraffic) {
  // The demo's rollout plan: the controller catches the mobile regression within minutes.
  const { ensureDemoPlan } = await import("../lib/seed/ensure-demo-plan");
  if (await ensureDemoPlan()) console.log("✓ Started the demo rollout plan on New checkout flow in Production");
}

console.log(`
  Glidepath is starting on ${process.env.NEXTAUTH_URL}${plan.host ? ` (listening on ${plan.host})` : ""}
  Database: ${embedded ? path.relative(process.cwd(), url.replace(/^file:/, "")) : "PostgreSQL"}
  Sign in: ${plan.devLogin ? "development sign-in, pick a demo user (Ada Admin, Erin Editor, Vic Viewer, …)" : oidcConfig() ? "your OpenID Connect provider" : "not configured"}
${plan.notes.map((note) => `  ${note}\n`).join("")}${
  demoSdkKey
    ? `
  Evaluate a release over OFREP with the demo production SDK key:
    curl -s -X POST ${process.env.NEXTAUTH_URL}/ofrep/v1/evaluate/flags/new-checkout \\
      -H "Authorization: Bearer ${demoSdkKey}" -H "Content-Type: application/json" \\
      -d '{"context":{"targetingKey":"user-42","country":"DE"}}'
${demoTraffic ? "\n  Demo traffic: simulated shoppers evaluate releases and send metrics (GLIDEPATH_DEMO_TRAFFIC=0 turns it off)\n" : ""}`
    : ""
}`);

if (demoSdkKey && demoTraffic) {
  const { startDemoTrafficBesideServer } = await import("./demo-traffic/start-beside-server");
  startDemoTrafficBesideServer({ port, sdkKey: demoSdkKey, dataDir: path.resolve("data") });
}

const code = await run(
  process.execPath,
  [path.resolve("node_modules/next/dist/bin/next"), ...nextStartArgs(port, plan.host)],
  {
    env: process.env,
    forwardSignals: true,
  },
);
process.exit(code);
