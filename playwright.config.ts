import { defineConfig } from "@playwright/test";
import { findChromium } from "./scripts/e2e/chromium-path";

// The same specs run against a server on SQLite and one on PostgreSQL. E2E_PORT_BASE moves
// every port, so two checkouts (or two people) can run the browser tests side by side.
const PORT_BASE = Number(process.env.E2E_PORT_BASE ?? 3100);
const SERVERS = [
  { name: "sqlite", port: PORT_BASE + 1 },
  { name: "postgres", port: PORT_BASE + 2 },
] as const;

const only = process.env.E2E_DATABASES?.split(",");
const servers = SERVERS.filter((s) => !only || only.includes(s.name));

// Sign-in through a real OpenID Connect provider: a dashboard configured with AUTH_OIDC_*
// (so the development sign-in is off) and an oidc-provider instance on 127.0.0.1.
const OIDC = { idpPort: PORT_BASE + 90, appPort: PORT_BASE + 3 };
const withOidc = !only || only.includes("oidc");

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: `test-results/e2e${PORT_BASE === 3100 ? "" : `-${PORT_BASE}`}.json` }]],
  use: {
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: findChromium() ?? undefined,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    },
  },
  projects: [
    ...servers.map((s) => ({
      name: s.name,
      testIgnore: /auth\/oidc-/,
      use: { baseURL: `http://localhost:${s.port}` },
    })),
    ...(withOidc
      ? [{ name: "oidc", testMatch: /auth\/oidc-/, use: { baseURL: `http://localhost:${OIDC.appPort}` } }]
      : []),
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
