import type { BrowserContextOptions } from "@playwright/test";
import { expect, test } from "../support/fixtures";
import { APP_PAGES, resolvePath, type PageFixtures } from "./app-pages";
import { preparePageFixtures, settled, storageStateOf } from "./page-fixtures";

// A phone: 390 px wide. No page may scroll sideways, and every page of the team navigation is
// reachable (Approvals, with its badge, in the row; the rest behind "More").
const PHONE = { width: 390, height: 844 };
const READERS = [
  { role: "editor", user: "Erin Editor" },
  { role: "viewer", user: "Vic Viewer" },
] as const;

type Session = NonNullable<BrowserContextOptions["storageState"]>;
let fixtures: PageFixtures;
const sessions = new Map<string, Session>();

test.beforeAll(async ({ browser }, testInfo) => {
  testInfo.setTimeout(120_000);
  const baseURL = testInfo.project.use.baseURL!;
  fixtures = await preparePageFixtures(browser, baseURL, `${Date.now().toString(36)}n${testInfo.workerIndex}`);
  for (const { user } of READERS) sessions.set(user, await storageStateOf(browser, baseURL, user));
});

for (const { role, user } of READERS) {
  for (const appPage of APP_PAGES) {
    if (appPage.signedOut && role !== READERS[0].role) continue;
    const who = appPage.signedOut ? "signed out" : `as ${role}`;
    test(`${appPage.name} ${who} at 390 px: nothing scrolls sideways`, async ({ browser, baseURL }) => {
      const context = await browser.newContext({
        baseURL,
        viewport: PHONE,
        storageState: appPage.signedOut ? undefined : sessions.get(user),
      });
      try {
        const page = await context.newPage();
        await page.goto(resolvePath(appPage, fixtures));
        await settled(page);
        const widths = await page.evaluate(() => ({
          scrollWidth: document.scrollingElement!.scrollWidth,
          innerWidth: window.innerWidth,
          // Named in the failure, so the culprit is found without a screenshot.
          tooWide: [...document.querySelectorAll("body *")]
            .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
            .slice(0, 5)
            .map((e) => `${e.tagName.toLowerCase()}.${String(e.className).slice(0, 80)}`),
        }));
        expect(widths.scrollWidth, `too wide: ${widths.tooWide.join(" | ")}`).toBeLessThanOrEqual(widths.innerWidth);
      } finally {
        await context.close();
      }
    });
  }
}

test("at 390 px Approvals and its badge are in the row, and More opens the rest by keyboard", async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ baseURL, viewport: PHONE, storageState: sessions.get("Erin Editor") });
  const page = await context.newPage();
  await page.goto("/teams/acme/releases");
  const nav = page.getByRole("navigation", { name: "Team" });
  const approvals = nav.getByRole("link", { name: /^Approvals/ });
  await expect(approvals).toBeInViewport({ ratio: 1 });
  // The demo data has requests waiting: the badge says how many, in words too.
  await expect(approvals.getByLabel(/\d+ pending approvals?/)).toBeInViewport({ ratio: 1 });

  const more = nav.getByRole("button", { name: "More" });
  await expect(more).toHaveAttribute("aria-expanded", "false");
  await expect(nav.getByRole("link", { name: "Webhooks" })).toBeHidden();
  await more.focus();
  await page.keyboard.press("Enter");
  await expect(more).toHaveAttribute("aria-expanded", "true");
  const list = page.locator(`#${await more.getAttribute("aria-controls")}`);
  for (const name of ["Cohorts", "Audit log", "Members", "Webhooks", "API keys"])
    await expect(list.getByRole("link", { name })).toBeInViewport({ ratio: 1 });
  await page.keyboard.press("Tab");
  await expect(list.getByRole("link", { name: "Cohorts" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(more).toHaveAttribute("aria-expanded", "false");
  await expect(more).toBeFocused();
  await expect(list).toBeHidden();

  await more.click();
  await list.getByRole("link", { name: "Audit log" }).click();
  await expect(page).toHaveURL(/\/teams\/acme\/audit/);
  await expect(more).toHaveAttribute("aria-expanded", "false");
  await expect(list).toBeHidden();

  await approvals.click();
  await expect(page).toHaveURL(/\/teams\/acme\/approvals/);
  await expect(approvals).toHaveAttribute("aria-current", "page");
  await context.close();
});

test("at 1366 px every team page is in the row and there is no More", async ({ browser, baseURL }) => {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1366, height: 900 },
    storageState: sessions.get("Erin Editor"),
  });
  const page = await context.newPage();
  await page.goto("/teams/acme/releases");
  const nav = page.getByRole("navigation", { name: "Team" });
  for (const name of ["Overview", "Plan templates", "Environments", "Webhooks", "Embeds", "API keys"])
    await expect(nav.getByRole("link", { name, exact: true })).toBeInViewport({ ratio: 1 });
  await expect(nav.getByRole("button", { name: "More" })).toBeHidden();
  await context.close();
});
