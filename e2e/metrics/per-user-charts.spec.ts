import { E2E_SDK_KEY } from "../../scripts/e2e/e2e-constants";
import { expect, test } from "../support/fixtures";
import { MetricCharts, type ChartCohort } from "../support/metric-charts";
import { ReleasePage } from "../support/release-page";

const MOBILE: ChartCohort = { key: "mobile", name: "Mobile app users" };
const AUTH = { authorization: `Bearer ${E2E_SDK_KEY}` };
const USERS = 200;

// A count compared raw between a 20% treatment and an 80% control makes treatment look 4×
// worse. Here every exposed user orders once in both arms: per exposed user both lines sit at 1.
test("counts are charted per exposed user, each chart says its step, and an unpinned embed shows only cohorts with data", async ({
  pageAs,
  request,
  uniqueKey,
}) => {
  test.setTimeout(120_000);
  const releaseKey = uniqueKey("e2e-per-user");
  const erin = await pageAs("Erin Editor");
  await erin.goto("/teams/acme/releases/new?env=production");
  await erin.getByLabel("Name", { exact: true }).fill("Per-user checkout");
  await erin.getByLabel("Key", { exact: true }).fill(releaseKey);
  await erin.getByRole("button", { name: "Create release" }).click();
  await expect(erin).toHaveURL(new RegExp(`/releases/${releaseKey}\\?env=production`));
  const release = new ReleasePage(erin);
  // Mobile app users at 20% (below production's approval threshold), then live.
  await release.typePercent(MOBILE.name, "20");
  await release.save();
  await expect(erin.getByRole("status")).toContainText("Saved");
  await release.runCommand("Start rollout");
  await expect(release.status()).toHaveText("Rolling out");

  // Phone users evaluated through OFREP (each counted as an exposure), once the evaluation
  // API has picked up the started release.
  const evaluate = async (targetingKey: string) => {
    const response = await request.post(`/ofrep/v1/evaluate/flags/${releaseKey}`, {
      headers: AUTH,
      data: { context: { targetingKey, platform: "ios" } },
    });
    expect(response.status()).toBe(200);
    return (await response.json()) as { variant: "treatment" | "control"; reason: string };
  };
  await expect(async () => expect((await evaluate("per-user-0")).reason).toBe("SPLIT")).toPass({ timeout: 15_000 });
  const exposed = { treatment: 0, control: 0 };
  for (let i = 0; i < USERS; i++) exposed[(await evaluate(`per-user-${i}`)).variant]++;
  expect(exposed.treatment).toBeGreaterThan(10);
  expect(exposed.control).toBeGreaterThan(exposed.treatment);

  // One order per exposed user in each arm: raw, control has about four times treatment's.
  const observations = (["treatment", "control"] as const).map((variant) => ({
    metric: "checkouts",
    release: releaseKey,
    cohort: MOBILE.key,
    variant,
    count: exposed[variant],
  }));
  const sent = await request.post("/api/v1/metrics", { headers: AUTH, data: { observations } });
  expect(await sent.json()).toMatchObject({ accepted: 2 });

  const charts = new MetricCharts(erin);
  await release.goto("acme", releaseKey, "production", "range=24h&metrics=checkouts");
  const checkouts = charts.chart(MOBILE, "Checkouts per exposed user");
  // Stored within seconds, refreshed every 10 s.
  await expect(checkouts).toBeVisible({ timeout: 45_000 });
  const card = charts.card(MOBILE, "Checkouts");
  await expect(card.locator("figcaption")).toContainText("orders per exposed user · ↓ is bad · 15-minute steps");
  await expect.poll(async () => (await charts.linePoints(checkouts, "treatment")).length).toBeGreaterThan(0);
  await expect.poll(async () => (await charts.linePoints(checkouts, "control")).length).toBeGreaterThan(0);
  // The exposures chart has points in both arms.
  const exposures = charts.exposureChart(MOBILE);
  await expect.poll(async () => (await charts.linePoints(exposures, "treatment")).length).toBeGreaterThan(0);
  await expect.poll(async () => (await charts.linePoints(exposures, "control")).length).toBeGreaterThan(0);
  await expect(charts.card(MOBILE, "Exposed users").locator("figcaption")).toContainText("15-minute steps");

  // The tooltip at this step: about one order per user in both arms (distinct users are estimated).
  const stepMs = 15 * 60_000;
  const now = Date.now();
  const text = await charts.tooltipAt(checkouts, (Math.floor(now / stepMs) * stepMs - (now - 86_400_000)) / 86_400_000);
  const perUser = (variant: string) => Number(new RegExp(`${variant} ([\\d.]+) orders per user`).exec(text)?.[1]);
  for (const variant of ["Treatment", "Control"]) {
    expect(perUser(variant), `${variant} in "${text}"`).toBeGreaterThan(0.9);
    expect(perUser(variant), `${variant} in "${text}"`).toBeLessThan(1.1);
  }
  expect(text).toMatch(/n = [\d,]+ exposed users/);

  // Each range says its step.
  await erin.getByRole("group", { name: "Time range" }).getByRole("button", { name: "1h" }).click();
  await expect(card.locator("figcaption")).toContainText("1-minute steps");
  await erin.getByRole("group", { name: "Time range" }).getByRole("button", { name: "6h" }).click();
  await expect(card.locator("figcaption")).toContainText("5-minute steps");

  // An embed link that pins nothing: only the cohort with data, and it says what it left out.
  await erin.getByText("Embed these charts").click();
  const form = erin.getByRole("form", { name: "New embed link" });
  await expect(form.getByRole("radio", { name: "Those with data when the chart is opened" })).toBeChecked();
  await form.getByLabel("Pages allowed to show it (origins)").fill("https://wiki.example.com");
  await form.getByRole("button", { name: "Create embed link" }).click();
  const url = (await erin.getByTestId("embed-url").textContent())!.trim();
  const embed = await pageAs("Vic Viewer");
  await embed.goto(url);
  await expect(embed.getByRole("heading", { name: "Per-user checkout in Production" })).toBeVisible();
  await expect(embed.locator("figcaption").filter({ hasText: "Mobile app users" }).first()).toBeVisible();
  for (const empty of ["EU shoppers", "US shoppers", "Everyone else"])
    await expect(embed.locator("figcaption").filter({ hasText: empty })).toHaveCount(0);
  await expect(embed.locator("header")).toContainText(
    /Cohorts: those with data in the last 24 hours; \d+ without data are not shown\./,
  );
  await expect(embed.getByRole("heading", { name: /Checkouts per exposed user/ })).toBeVisible();
});
