import { test as base, expect, type Browser, type Page } from "@playwright/test";
import { DEMO_USERS } from "@/lib/seed/demo-users";

export type DemoUserName = (typeof DEMO_USERS)[number]["name"];

export async function signInAs(page: Page, name: DemoUserName, callbackUrl = "/") {
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByRole("button", { name: `Sign in as ${name}` }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
}

type Fixtures = {
  /** A key unique to this test run, so specs never depend on each other's data. */
  uniqueKey: (prefix: string) => string;
  /** A fresh signed-in page for a demo user, in its own browser context. */
  pageAs: (name: DemoUserName) => Promise<Page>;
};

export const test = base.extend<Fixtures>({
  uniqueKey: async ({}, use, testInfo) => {
    const stamp = `${Date.now().toString(36)}${testInfo.workerIndex}`;
    await use((prefix) => `${prefix}-${stamp}`);
  },
  pageAs: async ({ browser }, use) => {
    const contexts: Awaited<ReturnType<Browser["newContext"]>>[] = [];
    await use(async (name) => {
      const context = await browser.newContext();
      contexts.push(context);
      const page = await context.newPage();
      await signInAs(page, name);
      return page;
    });
    for (const context of contexts) await context.close();
  },
});

export { expect };
