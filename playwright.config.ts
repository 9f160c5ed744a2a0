import { defineConfig } from "@playwright/test";
import { findChromium } from "./scripts/e2e/chromium-path";

// The same specs run against a server on SQLite and one on PostgreSQL.
const SERVERS = [
  { name: "sqlite", port: 3101 },
  { name: "postgres", port: 3102 },
] as const;

const only = process.env.E2E_DATABASES?.split(",");
const servers = SERVERS.filter((s) => !only || only.includes(s.name));

// Sign-in through a real OpenID Connect provider: a dashboard configured with AUTH_OIDC_*
// (so the development sign-in is off) and an oidc-provider instance on 127.0.0.1.
const OIDC = { idpPort: 3190, appPort: 3103 };
const withOidc = !only || only.includes("oidc");

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
  projects: [
    ...servers.map((s) => ({ name: s.name, testIgnore: /auth\/oidc-/, use: { baseURL: `http://localhost:${s.port}` } })),
    ...(withOidc ? [{ name: "oidc", testMatch: /auth\/oidc-/, use: { baseURL: `http://localhost:${OIDC.appPort}` } }] : []),
  ],
  webServer: [
    ...servers.map((s) => ({
    command: `node --import tsx --conditions=react-server scripts/e2e/serve.ts ${s.name} ${s.port}`,
    url: `http://localhost:${s.port}/signin`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "ignore" as const,
    stderr: "pipe" as const,
  })),
    ...(withOidc
      ? [
          {
            command: `node --import tsx scripts/e2e/oidc-provider.ts ${OIDC.idpPort} http://localhost:${OIDC.appPort}/api/auth/callback/oidc`,
            url: `http://127.0.0.1:${OIDC.idpPort}/.well-known/openid-configuration`,
            timeout: 60_000,
            reuseExistingServer: false,
            stdout: "ignore" as const,
            stderr: "ignore" as const,
          },
          {
            command: `node --import tsx --conditions=react-server scripts/e2e/serve.ts sqlite ${OIDC.appPort} oidc`,
            url: `http://localhost:${OIDC.appPort}/signin`,
            timeout: 120_000,
            reuseExistingServer: false,
            stdout: "ignore" as const,
            stderr: "pipe" as const,
            env: {
              AUTH_OIDC_ISSUER: `http://127.0.0.1:${OIDC.idpPort}`,
              AUTH_OIDC_CLIENT_ID: "glidepath-e2e",
              AUTH_OIDC_CLIENT_SECRET: "glidepath-e2e-secret",
              AUTH_OIDC_NAME: "Acme SSO",
              GLIDEPATH_DEV_LOGIN: "0",
            },
          },
        ]
      : []),
  ],
});
