import AxeBuilder from "@axe-core/playwright";
import type { BrowserContextOptions } from "@playwright/test";
import { expect, test } from "../support/fixtures";
import { APP_PAGES, resolvePath, type PageFixtures } from "./app-pages";
import { preparePageFixtures, settled, storageStateOf } from "./page-fixtures";

// Every page, as an editor and as a viewer (they see different controls), light and dark:
// no serious or critical axe-core violation.
const READERS = [
  { role: "editor", user: "Erin Editor" },
  { role: "viewer", user: "Vic Viewer" },
] as const;
const SCHEMES = ["light", "dark"] as const;

type Session = NonNullable<BrowserContextOptions["storageState"]>;
let fixtures: PageFixtures;
const sessions = new Map<string, Session>();

test.beforeAll(async ({ browser }, testInfo) => {
  testInfo.setTimeout(120_000);
  const baseURL = testInfo.project.use.baseURL!;
  fixtures = await preparePageFixtures(browser, baseURL, `${Date.now().toString(36)}${testInfo.workerIndex}`);
  for (const { user } of READERS) sessions.set(user, await storageStateOf(browser, baseURL, user));
});

for (const { role, user } of READERS) {
  for (const appPage of APP_PAGES) {
    // A signed-out page looks the same to everyone: check it once.
    if (appPage.signedOut && role !== READERS[0].role) continue;
    const who = appPage.signedOut ? "signed out" : `as ${role}`;
    test(`${appPage.name} ${who}, light and dark: no serious or critical axe violations`, async ({
      browser,
      baseURL,
    }) => {
      const context = await browser.newContext({
        baseURL,
        storageState: appPage.signedOut ? undefined : sessions.get(user),
      });
      try {
        const page = await context.newPage();
        await page.goto(resolvePath(appPage, fixtures));
        await settled(page);
        // Colours must not be mid-transition when axe measures contrast after the switch.
        await page.addStyleTag({ content: "*, *::before, *::after { transition: none !important; }" });
        // One load per page, both schemes: the colours follow prefers-color-scheme in CSS, so
        // switching the emulated scheme restyles the same page without loading it again.
        for (const colorScheme of SCHEMES) {
          await page.emulateMedia({ colorScheme });
          await expect
            .poll(() => page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches))
            .toBe(colorScheme === "dark");
          const { violations } = await new AxeBuilder({ page }).analyze();
          const serious = violations
            .filter((v) => v.impact === "serious" || v.impact === "critical")
            .map((v) => ({
              scheme: colorScheme,
              rule: v.id,
              impact: v.impact,
              help: v.help,
              where: v.nodes.slice(0, 5).map((n) => `${n.target.join(" ")}: ${n.failureSummary ?? ""}`),
            }));
          expect(serious).toEqual([]);
        }
      } finally {
        await context.close();
      }
    });
  }
}
