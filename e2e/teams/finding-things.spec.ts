import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { sql } from "../support/database";
import { expect, signInAs, test } from "../support/fixtures";

const sqlTime = (date: Date) => date.toISOString().replace("Z", "+00:00");
const pad = (i: number) => String(i).padStart(2, "0");

/**
 * A team of its own, built in SQL (named to sort after Acme Shop, so nobody lands on it): Ada
 * Admin a member; `count` releases "Finder NN" in both environments, every third one rolling in
 * production and owned by Ada; release 0 changed last.
 */
async function findingTeam(project: string, count: number) {
  const tag = randomBytes(4).toString("hex");
  const teamId = `e2e-find-${tag}`;
  const slug = `e2e-find-${tag}`;
  const now = Date.now();
  await sql(project, `INSERT INTO "Team" ("id", "slug", "name") VALUES ($1, $2, $3)`, [
    teamId,
    slug,
    `Zeta find ${tag}`,
  ]);
  await sql(
    project,
    `INSERT INTO "Environment" ("id", "teamId", "key", "name", "position") VALUES ($1, $2, 'staging', 'Staging', 1), ($3, $4, 'production', 'Production', 2)`,
    [`${teamId}-stg`, teamId, `${teamId}-prd`, teamId],
  );
  await sql(
    project,
    `INSERT INTO "Membership" ("id", "userId", "teamId", "role") SELECT $1, "id", $2, 'admin' FROM "User" WHERE "email" = 'ada@acme.test'`,
    [`${teamId}-m`, teamId],
  );
  const releases = Array.from({ length: count }, (_, i) => [
    `${teamId}-r${i}`,
    teamId,
    `finder-${pad(i)}`,
    `Finder ${pad(i)}`,
    `finder-${pad(i)}`,
    sqlTime(new Date(now)),
  ]);
  await sql(
    project,
    `INSERT INTO "Release" ("id", "teamId", "key", "name", "salt", "updatedAt", "ownerId")
     VALUES ${releases.map((_, i) => `($${i * 6 + 1}, $${i * 6 + 2}, $${i * 6 + 3}, $${i * 6 + 4}, $${i * 6 + 5}, $${i * 6 + 6}, ${i % 3 === 0 ? `(SELECT "id" FROM "User" WHERE "email" = 'ada@acme.test')` : "NULL"})`).join(", ")}`,
    releases.flat(),
  );
  const rollouts = Array.from({ length: count }, (_, i) =>
    (["prd", "stg"] as const).map((env) => [
      `${teamId}-ro${i}-${env}`,
      `${teamId}-r${i}`,
      `${teamId}-${env}`,
      env === "prd" && i % 3 === 0 ? "rolling" : "draft",
      sqlTime(new Date(now - i * 60_000)),
    ]),
  ).flat();
  await sql(
    project,
    `INSERT INTO "ReleaseRollout" ("id", "releaseId", "environmentId", "status", "version", "defaultBasisPoints", "updatedAt")
     VALUES ${rollouts.map((_, i) => `($${i * 5 + 1}, $${i * 5 + 2}, $${i * 5 + 3}, $${i * 5 + 4}, 2, 0, $${i * 5 + 5})`).join(", ")}`,
    rollouts.flat(),
  );
  const drop = async () => {
    await sql(project, `DELETE FROM "AuditEvent" WHERE "teamId" = $1`, [teamId]);
    await sql(
      project,
      `DELETE FROM "ReleaseRollout" WHERE "releaseId" IN (SELECT "id" FROM "Release" WHERE "teamId" = $1)`,
      [teamId],
    );
    await sql(project, `DELETE FROM "Release" WHERE "teamId" = $1`, [teamId]);
    await sql(project, `DELETE FROM "Membership" WHERE "teamId" = $1`, [teamId]);
    await sql(project, `DELETE FROM "Environment" WHERE "teamId" = $1`, [teamId]);
    await sql(project, `DELETE FROM "Team" WHERE "id" = $1`, [teamId]);
  };
  return { teamId, slug, drop };
}

const cards = (page: Page) => page.getByRole("list", { name: "Releases" }).locator(":scope > li");
const filters = (page: Page) => page.getByRole("search", { name: "Find releases" });

test("releases: search by name or key, filter by status and owner, sort; all in the URL, back steps through it", async ({
  pageAs,
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const project = testInfo.project.name;
  const team = await findingTeam(project, 40);
  try {
    const ada = await pageAs("Ada Admin");
    const base = `/teams/${team.slug}/releases`;
    await ada.goto(`${base}?env=production`);
    await expect(ada.getByTestId("release-count")).toHaveText("40 releases in Production");
    await expect(cards(ada)).toHaveCount(40);
    await expect(cards(ada).first()).toContainText("Finder 00");

    // Find one by name: type, Enter, open it.
    await filters(ada).getByLabel("Search").fill("finder 27");
    await filters(ada).getByLabel("Search").press("Enter");
    await expect(ada).toHaveURL(`${base}?env=production&q=finder+27`);
    await expect(cards(ada)).toHaveCount(1);
    await expect(ada.getByTestId("release-count")).toHaveText("1 of 40 releases in Production");
    // By key as well.
    await filters(ada).getByLabel("Search").fill("finder-3");
    await filters(ada).getByLabel("Search").press("Enter");
    await expect(cards(ada)).toHaveCount(10); // finder-30 … finder-39

    // A menu applies at once; the back button undoes it.
    await filters(ada).getByLabel("Status").selectOption({ label: "Rolling out" });
    await expect(ada).toHaveURL(/status=rolling/);
    await expect(cards(ada)).toHaveCount(4); // 30, 33, 36, 39
    await ada.goBack();
    await expect(ada).not.toHaveURL(/status=rolling/);
    await expect(cards(ada)).toHaveCount(10);
    await expect(filters(ada).getByLabel("Status")).toHaveValue("");

    // Owner and order: Ada owns every third; by name, 00 first.
    await filters(ada).getByLabel("Search").fill("");
    await filters(ada).getByLabel("Owner").selectOption({ label: "Ada Admin" });
    await expect(cards(ada)).toHaveCount(14);
    await filters(ada).getByLabel("Sort by").selectOption({ label: "Name" });
    await expect(ada).toHaveURL(/sort=name/);
    await expect(cards(ada).first()).toContainText("Finder 00");
    await expect(cards(ada).nth(1)).toContainText("Finder 03");
    await filters(ada).getByLabel("Owner").selectOption({ label: "Nobody" });
    await expect(cards(ada)).toHaveCount(26);

    // The environment keeps the filters; statuses are per environment.
    await ada.goto(`${base}?env=production&status=rolling`);
    await expect(cards(ada)).toHaveCount(14);
    await ada.getByRole("navigation", { name: "Environment" }).getByRole("link", { name: "Staging" }).click();
    await expect(ada).toHaveURL(/env=staging/);
    await expect(ada).toHaveURL(/status=rolling/);
    await expect(ada.getByText("No release matches these filters")).toBeVisible();
    await ada
      .getByRole("status")
      .filter({ hasText: "No release matches these filters" })
      .getByRole("link", { name: "clear filters" })
      .click();
    await expect(ada).toHaveURL(`${base}?env=staging`);
    await expect(cards(ada)).toHaveCount(40);

    // A value the list does not know is ignored, and the page says so.
    await ada.goto(`${base}?env=production&status=live&q=finder+1`);
    await expect(ada.getByRole("status").filter({ hasText: "Ignored the status" })).toBeVisible();
    await expect(cards(ada)).toHaveCount(13); // 10–19, 01, 21, 31: every word matches somewhere

    // Without JavaScript the form still works (a plain GET).
    const noScript = await browser.newContext({
      javaScriptEnabled: false,
      storageState: await ada.context().storageState(),
    });
    try {
      const page = await noScript.newPage();
      await page.goto(`${base}?env=production`);
      await filters(page).getByLabel("Search").fill("finder 05");
      await filters(page).getByLabel("Status").selectOption({ label: "Draft" });
      await filters(page).getByRole("button", { name: "Search" }).click();
      await expect(page).toHaveURL(/q=finder\+05&status=draft/);
      await expect(cards(page)).toHaveCount(1);
      await expect(cards(page).first()).toContainText("Finder 05");
    } finally {
      await noScript.close();
    }
  } finally {
    await team.drop();
  }
});

test("audit log: filter by person, kind (in words) and days; page past the latest 200", async ({
  pageAs,
}, testInfo) => {
  test.setTimeout(120_000);
  const project = testInfo.project.name;
  const team = await findingTeam(project, 1);
  try {
    // 230 events by a bot on 2 Jan 2020 (one a minute) and 5 by Ada on 3 Jan, written in one statement.
    const start = Date.UTC(2020, 0, 2, 0, 0);
    const events = [
      ...Array.from({ length: 230 }, (_, i) => [
        `${team.teamId}-a${i}`,
        "finder-bot",
        "Finder bot",
        "rollout.paused",
        `paused number ${i}`,
        sqlTime(new Date(start + i * 60_000)),
      ]),
      ...Array.from({ length: 5 }, (_, i) => [
        `${team.teamId}-b${i}`,
        "finder-ada",
        "Ada Admin",
        "rollout.percentages_set",
        `raised number ${i}`,
        sqlTime(new Date(start + 86_400_000 + i * 60_000)),
      ]),
    ];
    await sql(
      project,
      `INSERT INTO "AuditEvent" ("id", "teamId", "actorType", "actorId", "actorName", "action", "summary", "createdAt")
       VALUES ${events.map((_, i) => `($${i * 6 + 1}, '${team.teamId}', 'user', $${i * 6 + 2}, $${i * 6 + 3}, $${i * 6 + 4}, $${i * 6 + 5}, $${i * 6 + 6})`).join(", ")}`,
      events.flat(),
    );
    const ada = await pageAs("Ada Admin");
    const base = `/teams/${team.slug}/audit`;
    await ada.goto(base);
    const trail = ada.getByRole("list", { name: "Audit events" }).getByRole("listitem");
    await expect(trail).toHaveCount(100);
    await expect(ada.getByTestId("audit-count")).toHaveText("(1–100 of 235)");
    // Kinds read as words, never as codes.
    await expect(trail.first().getByTestId("audit-kind")).toHaveText("Percentages changed");
    await expect(ada.getByRole("list", { name: "Audit events" })).not.toContainText("rollout.paused");

    // Past the latest 200: three pages, the last one 35.
    const older = ada.getByRole("link", { name: "Older entries →" });
    await older.click();
    await expect(ada).toHaveURL(/after=/);
    await expect(trail.first()).toContainText("paused number 134");
    await older.click();
    await expect(trail).toHaveCount(35);
    await expect(trail.first()).toContainText("paused number 34");
    await expect(trail.last()).toContainText("paused number 0");
    await expect(older).toHaveCount(0);
    await ada.goBack();
    await expect(trail.first()).toContainText("paused number 134");
    await ada.getByRole("link", { name: "← Newest entries" }).click();
    await expect(trail.first()).toContainText("raised number 4");

    // Filters: the kind menu is in words; each applies at once and restarts paging.
    const form = ada.getByRole("search", { name: "Filter the audit log" });
    await form.getByLabel("Kind of change").selectOption({ label: "Percentages changed" });
    await expect(ada).toHaveURL(/kind=rollout.percentages_set/);
    await expect(trail).toHaveCount(5);
    await form.getByLabel("Kind of change").selectOption({ label: "Any change" });
    await form.getByLabel("Who").selectOption({ label: "Finder bot" });
    await expect(ada.getByTestId("audit-count")).toHaveText("(1–100 of 230)");
    await form.getByLabel("From (UTC)").fill("2020-01-03");
    await expect(ada.getByText("No change matches these filters.")).toBeVisible();
    await form.getByLabel("Who").selectOption({ label: "Anyone" });
    await expect(trail).toHaveCount(5);
    await ada.goto(`${base}?kind=rollout.paused&from=2020-01-05&to=2020-01-02`);
    await expect(ada.getByRole("status").filter({ hasText: "the first day is after the last" })).toBeVisible();
    await expect(ada.getByTestId("audit-count")).toHaveText("(1–100 of 230)");
    await ada.getByRole("link", { name: "Clear filters" }).first().click();
    await expect(ada).toHaveURL(new RegExp(`${base}$`));
    await expect(ada.getByTestId("audit-count")).toHaveText("(1–100 of 235)");
  } finally {
    await team.drop();
  }
});

test("the chosen environment stays across pages; production is marked by colour and a label", async ({ page }) => {
  await signInAs(page, "Vic Viewer", "/teams/acme");
  const environment = page.getByRole("navigation", { name: "Environment" });
  await environment.getByRole("link", { name: "Staging" }).click();
  await expect(page).toHaveURL(/\/teams\/acme\?env=staging$/);
  // The page for Staging has arrived (the URL can change before it does).
  await expect(environment.getByRole("link", { name: "Staging" })).toHaveAttribute("aria-current", "page");

  await page.getByRole("navigation", { name: "Team" }).getByRole("link", { name: "Releases" }).click();
  await expect(page).toHaveURL(/\/teams\/acme\/releases$/);
  await expect(environment.getByRole("link", { name: "Staging" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("release-count")).toContainText("in Staging");
  await page.getByRole("list", { name: "Releases" }).getByRole("link", { name: "New checkout flow" }).click();
  await expect(page).toHaveURL(/\/releases\/new-checkout\?env=staging$/);
  await expect(environment.getByRole("link", { name: "Staging" })).toHaveAttribute("aria-current", "page");

  // Production: a colour of its own and the word "live", readable in light and dark.
  await environment.getByRole("link", { name: /Production/ }).click();
  const production = environment.getByRole("link", { name: /Production/ });
  await expect(production).toHaveAttribute("aria-current", "page");
  await expect(production).toHaveText(/Production\s*live/);
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await expect
      .poll(() => contrastOf(page, '[aria-label="Environment"] [aria-current="page"]'))
      .toBeGreaterThanOrEqual(4.5);
    // Red, whatever colour space the browser reports it in.
    const [red = 0, green = 0, blue = 0] = await rgbOf(page, '[aria-label="Environment"] [aria-current="page"]');
    expect(red - Math.max(green, blue)).toBeGreaterThan(100);
  }
  await page.getByRole("navigation", { name: "Team" }).getByRole("link", { name: "Overview" }).click();
  await expect(page).toHaveURL(/\/teams\/acme$/);
  await expect(environment.getByRole("link", { name: /Production/ })).toHaveAttribute("aria-current", "page");

  // From a release to every change made to it.
  await page.getByRole("link", { name: "New checkout flow" }).first().click();
  await page.getByRole("link", { name: "Every change to this release →" }).click();
  await expect(page).toHaveURL(/\/teams\/acme\/audit\?release=new-checkout$/);
  await expect(page.getByLabel("Release")).toHaveValue("new-checkout");
  await expect(page.getByRole("list", { name: "Audit events" }).getByRole("listitem").first()).toBeVisible();

  // A shared link with ?env= shows what its sender saw, whatever was remembered.
  await page.goto("/teams/acme/releases?env=staging");
  await expect(page.getByTestId("release-count")).toContainText("in Staging");
});

/** An element's background as sRGB bytes (the browser may report lab() or oklch()). */
function rgbOf(page: Page, selector: string): Promise<number[]> {
  return page.locator(selector).evaluate((element) => {
    const canvas = document.createElement("canvas").getContext("2d");
    if (!canvas) return [];
    canvas.fillStyle = getComputedStyle(element).backgroundColor;
    canvas.fillRect(0, 0, 1, 1);
    return [...canvas.getImageData(0, 0, 1, 1).data].slice(0, 3);
  });
}

/** WCAG contrast of an element's text against its own background (both opaque here). */
function contrastOf(page: Page, selector: string): Promise<number> {
  return page.locator(selector).evaluate((element) => {
    const canvas = document.createElement("canvas").getContext("2d");
    const rgb = (css: string) => {
      if (!canvas) return [0, 0, 0];
      canvas.fillStyle = css;
      canvas.fillRect(0, 0, 1, 1);
      return [...canvas.getImageData(0, 0, 1, 1).data].slice(0, 3);
    };
    const luminance = (css: string) => {
      const [r = 0, g = 0, b = 0] = rgb(css).map((v) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const style = getComputedStyle(element);
    const [a, b] = [luminance(style.color), luminance(style.backgroundColor)].sort((x, y) => y - x);
    return ((a ?? 0) + 0.05) / ((b ?? 0) + 0.05);
  });
}
