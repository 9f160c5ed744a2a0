import { defineConfig } from "@playwright/test";
import { findChromium } from "./scripts/e2e/chromium-path";

// The same specs run against a server on SQLite and one on PostgreSQL.
const SERVERS = [
  { name: "sqlite", port: 3101 },
  { name: "postgres", port: 3102 },
] as const;

const only = process.env.E2E_DATABASES?.split(",");
const servers = SERVERS.filter((s) => !only || only.includes(s.name));

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["json", { outputFile: "test-results/e2e.json" }]] : [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: findChromium() ?? undefined,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    },
  },
  projects: servers.map((s) => ({ name: s.name, use: { baseURL: `http://localhost:${s.port}` } })),
  webServer: servers.map((s) => ({
    command: `node --import tsx --conditions=react-server scripts/e2e/serve.ts ${s.name} ${s.port}`,
    url: `http://localhost:${s.port}/signin`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
  })),
});
