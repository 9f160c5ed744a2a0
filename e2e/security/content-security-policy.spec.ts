import type { Page, Response } from "@playwright/test";
import { E2E_SDK_KEY } from "../../scripts/e2e/e2e-constants";
import { expect, signInAs, test } from "../support/fixtures";
import { MetricCharts, runDemoTraffic } from "../support/metric-charts";

type Violation = { directive: string; blocked: string; source: string };

/**
 * Collects what the browser blocks: `securitypolicyviolation` events (recorded by a script
 * Playwright injects into every document, outside the page's policy) and console reports.
 */
async function watchPolicy(page: Page) {
  const console: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) console.push(message.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { cspViolations: { directive: string; blocked: string; source: string }[] };
    w.cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      w.cspViolations.push({
        directive: e.effectiveDirective,
        blocked: e.blockedURI,
        source: `${e.sourceFile}:${e.lineNumber}`,
      }),
    );
  });
  return {
    console,
    /** This document's violations (a navigation starts a new list). */
    violations: () => page.evaluate(() => (window as unknown as { cspViolations: Violation[] }).cspViolations),
  };
}

/** The page's policy, checked: a fresh nonce for scripts, no inline scripts, never framed. */
function policyOf(response: Response | null): { policy: string; nonce: string } {
  expect(response, "a response").not.toBeNull();
  const headers = response!.headers();
  const policy = headers["content-security-policy"] ?? "";
  const script = policy
    .split(";")
    .map((d) => d.trim())
    .find((d) => d.startsWith("script-src "));
  expect(script, `script-src in "${policy}"`).toMatch(
    /^script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'$/,
  );
  expect(script).not.toContain("unsafe-inline");
  expect(script).not.toContain("unsafe-eval");
  expect(policy).toContain("frame-ancestors 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  return { policy, nonce: /'nonce-([^']+)'/.exec(script!)![1]! };
}

test("the dashboard sends a nonce'd script policy; sign-in, pages, charts and server actions run under it with no violation", async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  // Data for the release page's Recharts charts: an hour back-filled, a few live evaluations.
  await runDemoTraffic(testInfo.project.use.baseURL!, E2E_SDK_KEY, [
    "--backfill-hours",
    "1",
    "--duration",
    "2",
    "--log-every",
    "2",
  ]);
  const watch = await watchPolicy(page);

  // Sign-in: the page and next-auth's client (CSRF fetch, callback POST, redirect).
  const signin = policyOf(await page.goto("/signin"));
  await expect(page.getByRole("button", { name: "Sign in as Ada Admin" })).toBeEnabled();
  expect(await watch.violations()).toEqual([]);
  await signInAs(page, "Ada Admin");
  await expect(page.getByRole("heading", { level: 1, name: "Acme Shop" })).toBeVisible();
  expect(await watch.violations()).toEqual([]);

  // Every request gets its own nonce.
  const team = policyOf(await page.goto("/teams/acme"));
  expect(team.nonce).not.toBe(signin.nonce);
  await expect(page.getByRole("list", { name: "Active rollouts" })).toBeVisible();
  expect(await watch.violations()).toEqual([]);

  // The release page: Recharts charts, the slider, and a server action ("who gets it?").
  policyOf(await page.goto("/teams/acme/releases/new-checkout?env=production&range=1h&metrics=error-rate"));
  const charts = new MetricCharts(page);
  await expect(charts.chart({ key: "mobile", name: "Mobile app users" }, "Error rate")).toBeVisible({
    timeout: 45_000,
  });
  await expect(page.getByRole("slider").first()).toBeVisible();
  await page.getByLabel("Targeting key").fill("user-42");
  await page.getByRole("button", { name: "Evaluate in Production" }).click();
  await expect(page.getByTestId("evaluation-result")).toContainText(/treatment|control/);
  expect(await watch.violations()).toEqual([]);

  // The other pages of the team, as an admin sees them (embeds and webhooks included).
  for (const path of [
    "releases",
    "cohorts",
    "approvals",
    "audit",
    "metrics",
    "members",
    "api-keys",
    "webhooks",
    "embeds",
    "environments",
  ]) {
    policyOf(await page.goto(`/teams/acme/${path}`));
    await expect(page.getByRole("navigation", { name: "Team" })).toBeVisible();
    expect(await watch.violations(), `violations on /teams/acme/${path}`).toEqual([]);
  }
  expect(watch.console).toEqual([]);

  // And the policy holds: markup injected into the page (what an XSS would add) runs nothing.
  await page.evaluate(() => {
    const div = document.createElement("div");
    div.innerHTML = `<img src="data:," onload="window.injected = true" alt="">`;
    document.body.appendChild(div);
  });
  await expect
    .poll(() => watch.violations())
    .toEqual([expect.objectContaining({ directive: "script-src-attr", blocked: "inline" })]);
  expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined();
});
