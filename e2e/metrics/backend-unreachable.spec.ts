import net from "node:net";
import { E2E_SDK_KEY } from "../../scripts/e2e/e2e-constants";
import { sql } from "../support/database";
import { expect, test } from "../support/fixtures";
import { MetricCharts, type ChartCohort } from "../support/metric-charts";
import { ReleasePage } from "../support/release-page";

/**
 * A port on this machine that nothing listens on: every query is refused at once. (Port 9,
 * "discard", would not do: fetch refuses it as a bad port before trying.)
 */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const EVERYONE_ELSE: ChartCohort = { key: "default", name: "Everyone else" };
const MOBILE: ChartCohort = { key: "mobile", name: "Mobile app users" };

test("metrics backend made unreachable: its panels show the error, built-in metrics still draw, promote and roll back still work", async ({
  pageAs,
  uniqueKey,
  request,
}, testInfo) => {
  const project = testInfo.project.name;
  const releaseKey = uniqueKey("e2e-prom-outage");
  const metricKey = uniqueKey("prom-errors");
  const metricName = `Edge errors ${metricKey.slice(-6)}`;

  const page = await pageAs("Erin Editor");
  await page.goto("/teams/acme/releases/new?env=production");
  await page.getByLabel("Name", { exact: true }).fill("Prometheus outage drill");
  await page.getByLabel("Key", { exact: true }).fill(releaseKey);
  await page.getByRole("button", { name: "Create release" }).click();
  await expect(page).toHaveURL(new RegExp(`/releases/${releaseKey}\\?env=production`));

  // Built-in data for "everyone else", as an application would send it (the new release
  // reaches the SDK key's configuration within a second or so).
  const observations = (["treatment", "control"] as const).flatMap((variant) => [
    {
      metric: "error-rate",
      release: releaseKey,
      cohort: "default",
      variant,
      count: 400,
      sum: variant === "treatment" ? 6 : 4,
    },
    ...[120, 180, 240, 300].map((value) => ({
      metric: "latency",
      release: releaseKey,
      cohort: "default",
      variant,
      value,
    })),
  ]);
  await expect(async () => {
    const response = await request.post("/api/v1/metrics", {
      headers: { authorization: `Bearer ${E2E_SDK_KEY}` },
      data: { observations },
    });
    expect(await response.json()).toMatchObject({ accepted: observations.length, rejected: 0 });
  }).toPass({ timeout: 15_000 });

  const prometheus = `127.0.0.1:${await closedPort()}`;
  await sql(project, `UPDATE "Team" SET "prometheusUrl" = $1 WHERE "slug" = 'acme'`, [`http://${prometheus}`]);
  const now = new Date().toISOString().replace("Z", "+00:00");
  await sql(
    project,
    `INSERT INTO "MetricDefinition" ("id", "teamId", "key", "name", "unit", "kind", "badDirection", "source", "query", "position", "version", "createdAt", "updatedAt")
     SELECT $1, t."id", $2, $3, '%', 'error_rate', 'up', 'prometheus', $4, (SELECT COALESCE(MAX(m."position"), 0) + 1 FROM "MetricDefinition" m WHERE m."teamId" = t."id"), 1, $5, $6
     FROM "Team" t WHERE t."slug" = 'acme'`,
    [
      `e2e-${metricKey}`,
      metricKey,
      metricName,
      'sum(rate(edge_errors_total{release="$release",cohort="$cohort",variant="$variant"}[$window]))',
      now,
      now,
    ],
  );
  try {
    const release = new ReleasePage(page);
    const charts = new MetricCharts(page);
    await release.goto("acme", releaseKey);
    // The built-in store writes every few seconds: reload until this release's data is there.
    await expect(async () => {
      await page.reload();
      await expect(charts.chart(EVERYONE_ELSE, "Error rate")).toBeVisible({ timeout: 3_000 });
    }).toPass({ timeout: 45_000 });

    // The Prometheus metric's panel in every cohort says what is wrong, nothing else does.
    // An editor sees the failure, not where Prometheus lives (that is for admins).
    const failed = charts.card(EVERYONE_ELSE, metricName).getByRole("alert");
    await expect(failed).toContainText("Prometheus is unreachable (ECONNREFUSED)");
    await expect(failed).not.toContainText(prometheus);
    await expect(charts.card(MOBILE, metricName).getByRole("alert")).toContainText("is unreachable");
    await expect(charts.chart(EVERYONE_ELSE, "Latency p95")).toBeVisible();
    expect(await charts.linePoints(charts.chart(EVERYONE_ELSE, "Error rate"), "treatment")).not.toHaveLength(0);
    expect(await charts.linePoints(charts.chart(EVERYONE_ELSE, "Error rate"), "control")).not.toHaveLength(0);
    await expect(charts.card(EVERYONE_ELSE, "Error rate").getByRole("alert")).toHaveCount(0);

    // The rest of the page works as if nothing were wrong.
    await expect(release.slider(MOBILE.name)).toBeEnabled();
    // Production's policy holds a promotion for approval: the request goes out all the same,
    // and roll back (which never waits) works at once.
    await release.requestCommand("Promote to everyone", "charts are down, promoting anyway?");
    await expect(page.getByRole("status").filter({ hasText: "Sent for approval" })).toBeVisible();
    await expect(page.getByRole("region", { name: /Waiting for approval/ })).toContainText("Promote to everyone");
    await release.runCommand("Roll back");
    await expect(release.status()).toHaveText("Rolled back");
    await expect(release.auditEvents().filter({ hasText: "Rolled back in Production" })).toContainText("Erin Editor");
    await expect(page.getByRole("region", { name: /Waiting for approval/ })).toHaveCount(0);
    await expect(charts.card(EVERYONE_ELSE, metricName).getByRole("alert")).toContainText("is unreachable");
  } finally {
    await sql(project, `DELETE FROM "MetricDefinition" WHERE "key" = $1`, [metricKey]);
    await sql(project, `UPDATE "Team" SET "prometheusUrl" = NULL WHERE "slug" = 'acme'`);
  }
});
