import { expect, test } from "../support/fixtures";
import { settled } from "./page-fixtures";

type Shift = { value: number; hadRecentInput: boolean };

// Cumulative layout shift of the release page while it loads and is read to the bottom (the
// charts load after hydration): below 0.1, Web Vitals' "good". A sum of shifts, not a time.
for (const width of [390, 1366]) {
  test(`the release page at ${width} px shifts less than 0.1 while it loads`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, viewport: { width, height: 900 } });
    try {
      await context.addInitScript(() => {
        const w = window as unknown as { __cls: number };
        w.__cls = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as unknown as Shift[])
            if (!entry.hadRecentInput) w.__cls += entry.value;
        }).observe({ type: "layout-shift", buffered: true });
      });
      const page = await context.newPage();
      await page.goto("/signin");
      await page.getByRole("button", { name: "Sign in as Erin Editor" }).click();
      await page.waitForURL(/\/teams\//);
      await page.goto("/teams/acme/releases/new-checkout?env=production");
      await settled(page);
      const height = await page.evaluate(() => document.body.scrollHeight);
      for (let y = 0; y < height; y += 600) {
        await page.evaluate((top) => window.scrollTo(0, top), y);
        await settled(page);
      }
      const cls = await page.evaluate(() => (window as unknown as { __cls: number }).__cls);
      expect(cls).toBeLessThan(0.1);
    } finally {
      await context.close();
    }
  });
}
