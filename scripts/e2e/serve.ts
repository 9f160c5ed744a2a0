// Starts the production build for one Playwright project on a database of its own, built
// only from the migrations folder and seeded with the demo data:
// `tsx --conditions=react-server scripts/e2e/serve.ts <sqlite|postgres> <port> [project]`.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { devLoginPlan, nextStartArgs } from "../../lib/auth/dev-login-plan";
import { applyPendingMigrations } from "../../lib/db/migrate";
import { run } from "../lib/run";
import { databaseUrlFile, E2E_SDK_KEY } from "./e2e-constants";

// `label` names the Playwright project, so two servers on the same provider don't share files.
const [provider = "sqlite", portArg = "3101", label = provider] = process.argv.slice(2);
const port = Number(portArg);
const adminUrl = process.env.E2E_POSTGRES_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function freshDatabase(): Promise<string> {
  if (provider === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "glidepath-e2e-"));
    return `file:${path.join(dir, "e2e.db")}`;
  }
  const name = `glidepath_e2e_${port}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
    [name],
  );
  await client.query(`DROP DATABASE IF EXISTS ${name}`);
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

const url = await freshDatabase();
process.env.DATABASE_URL = url;
// Specs that must reach behind the UI (e.g. demote a user mid-session) read the URL here.
fs.mkdirSync("test-results", { recursive: true });
fs.writeFileSync(databaseUrlFile(label), url);
await applyPendingMigrations(url);
const { seedDemo } = await import("../../lib/seed/seed-demo");
await seedDemo();
process.env.GLIDEPATH_DEMO_SDK_KEY ??= E2E_SDK_KEY;
const { ensureDemoSdkKey } = await import("../../lib/seed/ensure-demo-sdk-key");
await ensureDemoSdkKey();

// Browser tests sign in with the development sign-in unless a project says otherwise; as under
// `npm start`, the server then listens on loopback only.
const devLogin = process.env.GLIDEPATH_DEV_LOGIN ?? "1";
const plan = devLoginPlan({ ...process.env, DATABASE_URL: url, GLIDEPATH_DEV_LOGIN: devLogin });
const code = await run(
  process.execPath,
  [path.resolve("node_modules/next/dist/bin/next"), ...nextStartArgs(port, plan.host)],
  {
    env: {
      ...process.env,
      DATABASE_URL: url,
      NEXTAUTH_URL: `http://localhost:${port}`,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "e2e-secret-not-for-production",
      GLIDEPATH_DEV_LOGIN: devLogin,
      NEXT_TELEMETRY_DISABLED: "1",
      // Rollout plans advance within a test: the controller looks every second.
      GLIDEPATH_PLAN_TICK_MS: process.env.GLIDEPATH_PLAN_TICK_MS ?? "1000",
    },
  },
);
process.exit(code);
