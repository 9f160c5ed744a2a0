// Screenshots of the dashboard's pages in light/dark × narrow/wide, for looking at what we
// build: `npx tsx scripts/dev/screenshots.ts [baseUrl] [outDir] [path ...]`.
import fs from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

const baseUrl = process.argv[2] ?? "http://localhost:3000";
const outDir = process.argv[3] ?? "screenshots";
const paths = process.argv.slice(4);
const pages = paths.length
  ? paths
  : [
      "/teams/acme/releases",
      "/teams/acme/releases/new-checkout?env=production",
      "/teams/acme/cohorts",
      "/teams/acme/cohorts/new",
      "/teams/acme/audit",
      "/teams/acme/environments",
    ];
const user = process.env.SCREENSHOT_USER ?? "Erin Editor";

fs.mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
for (const colorScheme of ["light", "dark"] as const) {
  for (const [label, width] of [
    ["narrow", 390],
    ["wide", 1366],
  ] as const) {
    const context = await browser.newContext({ colorScheme, viewport: { width, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/signin`);
    await page.screenshot({ path: path.join(outDir, `signin-${colorScheme}-${label}.png`), fullPage: true });
    await page.getByRole("button", { name: `Sign in as ${user}` }).click();
    await page.waitForURL(/\/teams\//);
    for (const p of pages) {
      await page.goto(`${baseUrl}${p}`);
      await page.waitForLoadState("networkidle");
      const name = p
        .replace(/^\/teams\/[^/]+\//, "")
        .replace(/[^a-z0-9]+/gi, "-")
        .replace(/-+$/, "");
      await page.screenshot({ path: path.join(outDir, `${name}-${colorScheme}-${label}.png`), fullPage: true });
    }
    await context.close();
  }
}
await browser.close();
console.log(`Screenshots in ${outDir}/`);
