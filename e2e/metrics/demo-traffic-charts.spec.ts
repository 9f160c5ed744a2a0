import { E2E_SDK_KEY } from "../../scripts/e2e/e2e-constants";
import { expect, test } from "../support/fixtures";
import { MetricCharts, runDemoTraffic, type ChartCohort } from "../support/metric-charts";
import { ReleasePage } from "../support/release-page";

// The seeded regression (scripts/demo-traffic/app-model.ts): New checkout flow's treatment
// breaks for Mobile app users. Its production split: 20% of them, 25% of US and 5% of EU
// shoppers, everyone in Internal staff, nobody outside the listed cohorts.
const MOBILE: ChartCohort = { key: "mobile", name: "Mobile app users" };
const US: ChartCohort = { key: "us", name: "US shoppers" };
const EU: ChartCohort = { key: "eu", name: "EU shoppers" };
const STAFF: ChartCohort = { key: "internal-staff", name: "Internal staff" };
const EVERYONE_ELSE: ChartCohort = { key: "default", name: "Everyone else" };

test("the release page shows cohort charts with data from the demo generator", async ({ pageAs }, testInfo) => {
  test.setTimeout(300_000);
  const baseUrl = testInfo.project.use.baseURL!;
  // Two hours of back-filled history, then a few seconds of live shoppers through OFREP.
  const output = await runDemoTraffic(baseUrl, E2E_SDK_KEY, [
    "--backfill-hours",
    "2",
    "--duration",
    "4",
    "--log-every",
    "2",
  ]);
  expect(output).toMatch(/back-fill done: 2:00 h, [\d,]+ observations accepted/);
  expect(output).toMatch(/\d+ visits, \d+ live releases, [\d,]+ observations sent/);
  expect(output).not.toMatch(/refused/);

  const page = await pageAs("Erin Editor");
  const charts = new MetricCharts(page);
  // 6 h in 5-minute steps: every point of the regressed series holds hundreds of requests.
  await page.goto("/teams/acme/releases/new-checkout?env=production&range=6h&metrics=error-rate,latency");
  // The built-in store writes every few seconds and the page refreshes every 10 s.
  await expect(charts.chart(MOBILE, "Error rate")).toBeVisible({ timeout: 45_000 });

  const drawn = async (cohort: ChartCohort, metric: string, variant: "treatment" | "control") =>
    (await charts.linePoints(charts.chart(cohort, metric), variant)).length;
  for (const cohort of [MOBILE, US, EU]) {
    // Exposures are counted live only (the back-fill can't date evaluations back), and the chart says so.
    await expect(charts.exposureChart(cohort), `exposures for ${cohort.name}`).toBeVisible();
    await expect(charts.cohortPanel(cohort).getByTestId("exposures-since")).toContainText(
      "Exposures are counted when the evaluation API answers; metrics sent with earlier timestamps have none.",
    );
    for (const metric of ["Error rate", "Latency p95"]) {
      // Two hours in 5-minute steps: a couple of dozen points per line. The chart can first
      // draw before the store has flushed all of the back-fill (slower on a busy PostgreSQL),
      // so wait for the lines to fill in.
      await expect
        .poll(() => drawn(cohort, metric, "treatment"), {
          message: `${metric} treatment for ${cohort.name}`,
          timeout: 60_000,
        })
        .toBeGreaterThan(10);
      await expect
        .poll(() => drawn(cohort, metric, "control"), {
          message: `${metric} control for ${cohort.name}`,
          timeout: 60_000,
        })
        .toBeGreaterThan(10);
    }
  }
  // A cohort at 100% has only a treatment line, one at 0% only control.
  await expect.poll(() => drawn(STAFF, "Error rate", "treatment"), { timeout: 30_000 }).toBeGreaterThan(10);
  expect(await drawn(STAFF, "Error rate", "control")).toBe(0);
  await expect.poll(() => drawn(EVERYONE_ELSE, "Error rate", "control"), { timeout: 30_000 }).toBeGreaterThan(10);
  expect(await drawn(EVERYONE_ELSE, "Error rate", "treatment")).toBe(0);
  await expect(charts.legend(MOBILE)).toContainText("Treatment (gets it, 20%)");

  // The regression: on mobile the treatment line runs well above control; for US shoppers
  // (a bigger split, no regression) the two lines run together.
  const mobile = charts.chart(MOBILE, "Error rate");
  const mobileGap = (await charts.averageHeight(mobile, "treatment")) - (await charts.averageHeight(mobile, "control"));
  expect(mobileGap).toBeGreaterThan(20);
  const us = charts.chart(US, "Error rate");
  expect(
    Math.abs((await charts.averageHeight(us, "treatment")) - (await charts.averageHeight(us, "control"))),
  ).toBeLessThan(mobileGap / 2);
  const mobileLatency = charts.chart(MOBILE, "Latency p95");
  expect(
    (await charts.averageHeight(mobileLatency, "treatment")) - (await charts.averageHeight(mobileLatency, "control")),
  ).toBeGreaterThan(10);

  // The tooltip says it in numbers, with the requests behind each: an hour ago, one 5-minute step.
  const text = await charts.tooltipAt(mobile, 1 - 60 / (6 * 60));
  const rate = (variant: string) => Number(new RegExp(`${variant} ([\\d.]+)% n = [\\d,]+ requests`).exec(text)?.[1]);
  expect(text).toMatch(/Treatment [\d.]+% n = [\d,]+ requests/);
  expect(text).toMatch(/Control [\d.]+% n = [\d,]+ requests/);
  expect(rate("Treatment")).toBeGreaterThan(rate("Control"));

  // The charts never get in the way of the rollout controls.
  await expect(new ReleasePage(page).slider(MOBILE.name)).toHaveAttribute("aria-valuenow", "2000");
});
