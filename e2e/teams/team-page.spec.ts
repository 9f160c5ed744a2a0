import { randomBytes } from "node:crypto";
import type { Locator, Page } from "@playwright/test";
import { E2E_SDK_KEY } from "../../scripts/e2e/e2e-constants";
import { sql } from "../support/database";
import { expect, signInAs, test } from "../support/fixtures";
import { ReleasePage } from "../support/release-page";

const sqlTime = (date: Date) => date.toISOString().replace("Z", "+00:00");

function rollouts(page: Page): Locator {
  return page.getByRole("list", { name: "Active rollouts" });
}

function rolloutCard(page: Page, name: string): Locator {
  return page.getByRole("article", { name, exact: true });
}

function exposure(card: Locator, cohortName: string): Locator {
  return card.getByRole("list", { name: "Exposure per cohort" }).getByRole("listitem").filter({ hasText: cohortName });
}

async function pendingCount(page: Page): Promise<number> {
  return Number(await page.getByTestId("pending-approvals-count").textContent());
}

test("people land on the team page: active rollouts of production with status, exposure and health; the environment is in the URL", async ({
  page,
}) => {
  await signInAs(page, "Vic Viewer");
  await expect(page).toHaveURL(/\/teams\/acme$/);
  await expect(page.getByRole("heading", { level: 1, name: "Acme Shop" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Team" }).getByRole("link", { name: "Overview" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expect(
    page.getByRole("navigation", { name: "Environment" }).getByRole("link", { name: "Production" }),
  ).toHaveAttribute("aria-current", "page");

  // Rolling and paused releases only: promoted, rolled back and draft ones are not "active".
  const checkout = rolloutCard(page, "New checkout flow");
  await expect(checkout.getByTestId("release-status")).toHaveText("Rolling out");
  await expect(rolloutCard(page, "Search v2").getByTestId("release-status")).toHaveText(/Rolling out|Paused/);
  for (const done of ["Dark mode", "Smart payment retry", "ML recommendations"])
    await expect(rolloutCard(page, done)).toHaveCount(0);

  await expect(exposure(checkout, "Internal staff")).toContainText("100%");
  await expect(exposure(checkout, "Everyone else")).toContainText("0%");
  await expect(checkout.getByTestId("rollout-summary")).toContainText("Up to 100%");
  await expect(checkout).toContainText(/Last change .+ by /);
  await expect(checkout.getByRole("link", { name: "New checkout flow" })).toHaveAttribute(
    "href",
    "/teams/acme/releases/new-checkout?env=production",
  );

  // Health streams in per row; whatever the metric data, every key metric gets a settled cell.
  const health = checkout.getByRole("list", { name: "Health, last 24 hours" });
  await expect(health.locator("[data-metric]")).toHaveCount(2);
  await expect(health.locator('[data-metric="error-rate"]')).toContainText("Error rate");
  await expect(health.locator('[data-metric="latency"]')).toContainText("Latency");
  await expect(rollouts(page).locator('[data-state="loading"]')).toHaveCount(0);

  // Recent activity links to the whole audit log.
  await expect(page.getByRole("list", { name: "Audit events" }).locator(":scope > li")).toHaveCount(10);
  await expect(page.getByRole("link", { name: "Full audit log" })).toHaveAttribute("href", "/teams/acme/audit");

  // Staging: New checkout is promoted there, Search v2 is still rolling.
  await page.getByRole("navigation", { name: "Environment" }).getByRole("link", { name: "Staging" }).click();
  await expect(page).toHaveURL(/\/teams\/acme\?env=staging$/);
  await expect(rolloutCard(page, "Search v2").getByTestId("release-status")).toHaveText("Rolling out");
  await expect(rolloutCard(page, "New checkout flow")).toHaveCount(0);
});

test("a request for approval made on a release page shows on the team page: in its row and in the pending approvals panel; a regression fed through the ingest API is flagged", async ({
  pageAs,
  uniqueKey,
  request,
}) => {
  const releaseKey = uniqueKey("e2e-team-page");
  const name = `Team page drill ${releaseKey.slice(-6)}`;
  const erin = await pageAs("Erin Editor");

  await erin.goto("/teams/acme");
  const before = await pendingCount(erin);

  await erin.goto("/teams/acme/releases/new?env=production");
  await erin.getByLabel("Name", { exact: true }).fill(name);
  await erin.getByLabel("Key", { exact: true }).fill(releaseKey);
  await erin.getByRole("button", { name: "Create release" }).click();
  await expect(erin).toHaveURL(new RegExp(`/releases/${releaseKey}\\?env=production`));
  const release = new ReleasePage(erin);
  await release.typePercent("Mobile app users", "10");
  await release.save();
  await expect(erin.getByRole("status")).toContainText("Saved");
  await release.runCommand("Start rollout");
  await expect(release.status()).toHaveText("Rolling out");
  // Production's policy: raising a cohort above 50% needs a second person.
  await release.typePercent("Mobile app users", "60");
  await release.requestApproval("ready for more");
  await expect(erin.getByRole("status")).toContainText("Sent for approval");

  // Mobile users on this release: treatment fails 10× as often as control, on thousands of requests.
  const observations = (["treatment", "control"] as const).map((variant) => ({
    metric: "error-rate",
    release: releaseKey,
    cohort: "mobile",
    variant,
    count: 3000,
    sum: variant === "treatment" ? 300 : 30,
  }));
  await expect(async () => {
    const response = await request.post("/api/v1/metrics", {
      headers: { authorization: `Bearer ${E2E_SDK_KEY}` },
      data: { observations },
    });
    expect(await response.json()).toMatchObject({ accepted: observations.length, rejected: 0 });
  }).toPass({ timeout: 15_000 });

  try {
    await erin.getByRole("navigation", { name: "Team" }).getByRole("link", { name: "Overview" }).click();
    await expect(erin).toHaveURL(/\/teams\/acme$/);
    // What needs attention comes first (a regression, a held plan, a pending request), then the
    // most recently changed: ranks never go down the list.
    const card = rolloutCard(erin, name);
    await expect(card).toBeVisible();
    await expect(card).toHaveAttribute("data-attention", /^[0-2]$/);
    const ranks = await rollouts(erin)
      .getByRole("article")
      .evaluateAll((articles) => articles.map((a) => Number(a.getAttribute("data-attention"))));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    await expect(card.getByRole("link", { name: "1 awaiting approval" })).toHaveAttribute(
      "href",
      "/teams/acme/approvals",
    );
    await expect(exposure(card, "Mobile app users")).toContainText("10%");
    await expect(exposure(card, "Everyone else")).toContainText("0%");
    await expect(card.getByTestId("rollout-summary")).toContainText("Up to 10%");
    await expect(card.getByTestId("rollout-summary")).toContainText("1 ramping (10%)");
    await expect(card).toContainText("Last change just now by Erin Editor");

    const panel = erin.getByRole("region", { name: /Pending approvals/ });
    await expect(erin.getByTestId("pending-approvals-count")).toHaveText(String(before + 1));
    await expect(panel.getByRole("link", { name: "View all" })).toHaveAttribute("href", "/teams/acme/approvals");
    if (before < 3) {
      const item = panel.getByRole("listitem").filter({ hasText: name });
      await expect(item).toContainText("Mobile app users 10% → 60%");
      await expect(item).toContainText("Erin Editor");
    } else {
      await expect(panel).toContainText(`${before + 1 - 3} more waiting`);
    }

    // The built-in store writes every few seconds: reload until the row's error rate is in.
    const errorCell = card.locator('[data-metric="error-rate"]');
    await expect(async () => {
      await erin.reload();
      await expect(errorCell).toHaveAttribute("data-state", "regression", { timeout: 2_000 });
    }).toPass({ timeout: 45_000 });
    await expect(errorCell).toContainText("worst: Mobile app users");
    await expect(errorCell).toContainText("Regression, 24 h: 10× control");
    await expect(errorCell).toContainText("last hour:");
    // The regression links straight to that cohort's charts on the release page.
    await expect(errorCell.getByRole("link", { name: "Mobile app users" })).toHaveAttribute(
      "href",
      `/teams/acme/releases/${releaseKey}?env=production#cohort-mobile`,
    );
    await expect(card).toHaveAttribute("data-attention", "0");
    await expect(card.getByTestId("rollout-attention").getByRole("link")).toHaveText(
      /Mobile app users regressing \(Error rate 10× control, last 24 h\)/,
    );
    await expect(errorCell).toContainText("10%");
    await expect(errorCell).toContainText("1%");
    await expect(errorCell.locator("svg path.gp-treatment")).toHaveCount(1);
  } finally {
    // Roll back: off the active list, and the pending request is cancelled with it.
    await release.goto("acme", releaseKey);
    await release.runCommand("Roll back");
    await expect(release.status()).toHaveText("Rolled back");
  }
  await erin.goto("/teams/acme");
  await expect(rolloutCard(erin, name)).toHaveCount(0);
  await expect(erin.getByTestId("pending-approvals-count")).toHaveText(String(before));
});

test("many active rollouts: 20 a page, most recently changed first, page links in the URL; other teams' members get 'not found'", async ({
  pageAs,
}, testInfo) => {
  const project = testInfo.project.name;
  const tag = randomBytes(4).toString("hex");
  const slug = `e2e-pages-${tag}`;
  const teamId = `e2e-team-${tag}`;
  const now = Date.now();
  // A team of its own (named to sort after Acme Shop, so nobody lands on it), built in SQL:
  // 23 releases rolling in production, release 0 changed last.
  await sql(project, `INSERT INTO "Team" ("id", "slug", "name") VALUES ($1, $2, $3)`, [
    teamId,
    slug,
    `Zeta pages ${tag}`,
  ]);
  await sql(
    project,
    `INSERT INTO "Environment" ("id", "teamId", "key", "name", "position") VALUES ($1, $2, 'staging', 'Staging', 1), ($3, $4, 'production', 'Production', 2)`,
    [`${teamId}-stg`, teamId, `${teamId}-prd`, teamId],
  );
  await sql(
    project,
    `INSERT INTO "Membership" ("id", "userId", "teamId", "role") SELECT $1, "id", $2, 'viewer' FROM "User" WHERE "email" = 'ada@acme.test'`,
    [`${teamId}-m`, teamId],
  );
  const count = 23;
  const index = (i: number) => String(i).padStart(2, "0");
  const releases = Array.from({ length: count }, (_, i) => [
    `${teamId}-r${i}`,
    teamId,
    `bulk-${index(i)}`,
    `Bulk release ${index(i)}`,
    `bulk-${index(i)}`,
    sqlTime(new Date(now)),
  ]);
  await sql(
    project,
    `INSERT INTO "Release" ("id", "teamId", "key", "name", "salt", "updatedAt") VALUES ${releases.map((_, i) => `($${i * 6 + 1}, $${i * 6 + 2}, $${i * 6 + 3}, $${i * 6 + 4}, $${i * 6 + 5}, $${i * 6 + 6})`).join(", ")}`,
    releases.flat(),
  );
  const rolloutRows = Array.from({ length: count }, (_, i) => [
    `${teamId}-ro${i}`,
    `${teamId}-r${i}`,
    `${teamId}-prd`,
    sqlTime(new Date(now - i * 60_000)),
  ]);
  await sql(
    project,
    `INSERT INTO "ReleaseRollout" ("id", "releaseId", "environmentId", "status", "version", "defaultBasisPoints", "updatedAt", "updatedByName")
     VALUES ${rolloutRows.map((_, i) => `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}, 'rolling', 2, 2500, $${i * 4 + 4}, 'Bulk Loader')`).join(", ")}`,
    rolloutRows.flat(),
  );
  try {
    const ada = await pageAs("Ada Admin");
    await ada.goto(`/teams/${slug}`);
    await expect(ada.getByText(`${count} active rollouts in Production`)).toBeVisible();
    const cards = rollouts(ada).getByRole("article");
    await expect(cards).toHaveCount(20);
    await expect(cards.first()).toHaveAccessibleName("Bulk release 00");
    await expect(cards.last()).toHaveAccessibleName("Bulk release 19");
    await expect(ada.getByText(`1–20 of ${count}`)).toBeVisible();
    // No metrics in this team: the health column says where to add one instead of loading.
    await expect(cards.first()).toContainText("No metrics yet.");

    const pager = ada.getByRole("navigation", { name: "Active rollouts pages" });
    await expect(pager.getByRole("link", { name: "Page 1" })).toHaveAttribute("aria-current", "page");
    await pager.getByRole("link", { name: "Next →" }).click();
    await expect(ada).toHaveURL(new RegExp(`/teams/${slug}\\?env=production&page=2$`));
    await expect(cards).toHaveCount(3);
    await expect(cards.first()).toHaveAccessibleName("Bulk release 20");
    await expect(ada.getByText(`21–23 of ${count}`)).toBeVisible();
    await expect(pager.getByRole("link", { name: "Page 2" })).toHaveAttribute("aria-current", "page");
    await expect(pager.getByRole("link", { name: "Next →" })).toHaveCount(0);
    await pager.getByRole("link", { name: "← Previous" }).click();
    await expect(ada).toHaveURL(new RegExp(`/teams/${slug}\\?env=production$`));
    await expect(cards).toHaveCount(20);

    // A page past the end shows the last one; an environment without rollouts says so.
    await ada.goto(`/teams/${slug}?env=production&page=99`);
    await expect(cards).toHaveCount(3);
    await ada.goto(`/teams/${slug}?env=staging`);
    await expect(ada.getByText("Nothing is rolling out in Staging")).toBeVisible();
    await expect(pager).toHaveCount(0);

    // Erin is not a member of this team: it does not exist for her.
    const erin = await pageAs("Erin Editor");
    const response = await erin.goto(`/teams/${slug}`);
    expect(response?.status()).toBe(404);
    await expect(erin.getByText("Bulk release 00")).toHaveCount(0);
  } finally {
    await sql(project, `DELETE FROM "ReleaseRollout" WHERE "environmentId" = $1`, [`${teamId}-prd`]);
    await sql(project, `DELETE FROM "Release" WHERE "teamId" = $1`, [teamId]);
    await sql(project, `DELETE FROM "Membership" WHERE "teamId" = $1`, [teamId]);
    await sql(project, `DELETE FROM "Environment" WHERE "teamId" = $1`, [teamId]);
    await sql(project, `DELETE FROM "Team" WHERE "id" = $1`, [teamId]);
  }
});
