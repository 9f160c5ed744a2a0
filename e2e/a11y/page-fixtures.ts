import { expect, type Browser, type Page } from "@playwright/test";
import { signInAs, type DemoUserName } from "../support/fixtures";
import { ReleasePage } from "../support/release-page";
import type { PageFixtures } from "./app-pages";

/** Signs a demo user in once and returns the session, so each page check starts from it. */
export async function storageStateOf(browser: Browser, baseURL: string, name: DemoUserName) {
  const context = await browser.newContext({ baseURL });
  try {
    await signInAs(await context.newPage(), name);
    return await context.storageState();
  } finally {
    await context.close();
  }
}

/**
 * What the demo data lacks for a page to show all it can: a webhook and an embed link (pages
 * with ids) and a change request waiting for approval (the Approvals badge and cards).
 */
export async function preparePageFixtures(browser: Browser, baseURL: string, stamp: string): Promise<PageFixtures> {
  const context = await browser.newContext({ baseURL });
  try {
    const page = await context.newPage();
    await signInAs(page, "Ada Admin");

    await page.goto("/teams/acme/webhooks");
    const hookName = `a11y-hook-${stamp}`;
    await page.getByLabel("Name", { exact: true }).fill(hookName);
    // A public address (documentation range would count as internal): never resolved by a name.
    await page.getByLabel("URL", { exact: true }).fill("https://93.184.215.14/glidepath-a11y");
    await page.getByRole("button", { name: /Add webhook/ }).click();
    const item = page.getByRole("list", { name: "Webhooks" }).getByRole("listitem", { name: hookName });
    const href = await item.getByRole("link").first().getAttribute("href");
    const webhookId = href!.split("/").pop()!;

    await page.goto("/teams/acme/releases/new-checkout?env=production");
    await page.getByText("Embed these charts").click();
    const form = page.getByRole("form", { name: "New embed link" });
    await form.getByLabel("Pages allowed to show it (origins)").fill("https://wiki.example.com");
    await form.getByRole("button", { name: "Create embed link" }).click();
    const url = (await page.getByTestId("embed-url").textContent())!.trim();
    const embedToken = url.split("/").pop()!;
    expect(embedToken).toMatch(/^gpe_/);

    // acme's production holds raising a cohort above 50%.
    const releaseKey = `a11y-${stamp}`;
    await page.goto("/teams/acme/releases/new?env=production");
    await page.getByLabel("Name", { exact: true }).fill(`Accessibility drill ${stamp}`);
    await page.getByLabel("Key", { exact: true }).fill(releaseKey);
    await page.getByRole("button", { name: "Create release" }).click();
    await expect(page).toHaveURL(new RegExp(`/releases/${releaseKey}\\?env=production`));
    const release = new ReleasePage(page);
    await release.typePercent("EU shoppers", "5");
    await release.save();
    await expect(page.getByRole("status")).toContainText("Saved");
    await release.runCommand("Start rollout");
    await release.typePercent("EU shoppers", "80");
    await release.requestApproval("Accessibility pages: a request to show");
    await expect(page.getByRole("status")).toContainText("Sent for approval");
    return { webhookId, embedToken };
  } finally {
    await context.close();
  }
}

/** Until the page has stopped loading: no request in flight and no chart still fetching. */
export async function settled(page: Page) {
  await page.waitForLoadState("networkidle");
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 30_000 });
}
