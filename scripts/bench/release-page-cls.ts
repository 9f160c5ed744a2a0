// Cumulative layout shift of a page as it loads, median of several loads, and the elements
// that moved: `npx tsx scripts/bench/release-page-cls.ts <baseUrl> [path] [loads] [width] [height]`.
// LATENCY_MS=400 adds that much latency to every request (Chromium's network emulation), as on
// a slow connection, where the charts' data arrives well after the page was painted.
// Signs in as the demo editor (the development sign-in must be on).
import { chromium } from "@playwright/test";

const baseUrl = process.argv[2] ?? "http://localhost:3000";
const pagePath = process.argv[3] ?? "/teams/acme/releases/new-checkout?env=production";
const loads = Number(process.argv[4] ?? 7);
const width = Number(process.argv[5] ?? 1366);
const height = Number(process.argv[6] ?? 900);
const latency = Number(process.env.LATENCY_MS ?? 0);

type Shift = { value: number; sources: string[] };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
const context = await browser.newContext({ viewport: { width, height } });
// Record every shift from the first paint on, before any of the page's scripts run.
await context.addInitScript(() => {
  const w = window as unknown as { __shifts: Shift[] };
  w.__shifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as (PerformanceEntry & {
      value: number;
      hadRecentInput: boolean;
      sources?: { node?: Node | null }[];
    })[]) {
      if (entry.hadRecentInput) continue;
      const describe = (node: Node | null | undefined) => {
        if (!(node instanceof Element)) return node?.nodeName ?? "?";
        const label = node.closest("[aria-label],[aria-labelledby],section,h2")?.textContent?.slice(0, 40) ?? "";
        return `${node.tagName.toLowerCase()}.${String(node.className).slice(0, 50)} «${label.trim()}»`;
      };
      w.__shifts.push({ value: entry.value, sources: (entry.sources ?? []).map((s) => describe(s.node)) });
    }
  }).observe({ type: "layout-shift", buffered: true });
});
const page = await context.newPage();
await page.goto(`${baseUrl}/signin`);
await page.getByRole("button", { name: "Sign in as Erin Editor" }).click();
await page.waitForURL(/\/teams\//);
if (latency > 0) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
}

const totals: number[] = [];
const culprits = new Map<string, number>();
for (let i = 0; i < loads; i++) {
  await page.goto(`${baseUrl}${pagePath}`);
  await page.waitForLoadState("networkidle");
  // Charts fetch their data after hydration: wait until none is still loading.
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { timeout: 30_000 });
  // Read down the page as a person would: what loads or resizes below the fold shifts too.
  for (let y = 0; y < (await page.evaluate(() => document.body.scrollHeight)); y += 600) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { timeout: 30_000 });
  }
  const shifts = await page.evaluate(() => (window as unknown as { __shifts: Shift[] }).__shifts);
  totals.push(shifts.reduce((sum, s) => sum + s.value, 0));
  for (const s of shifts) for (const source of s.sources) culprits.set(source, (culprits.get(source) ?? 0) + s.value);
}
await browser.close();

const sorted = [...totals].sort((a, b) => a - b);
console.log(`${pagePath} at ${width}×${height}px, ${loads} loads${latency ? `, ${latency} ms latency` : ""}`);
console.log(
  `CLS median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(3)}  (all: ${totals.map((t) => t.toFixed(3)).join(", ")})`,
);
console.log("Largest contributors (summed over loads):");
for (const [source, value] of [...culprits].sort((a, b) => b[1] - a[1]).slice(0, 10))
  console.log(`  ${value.toFixed(3)}  ${source}`);
