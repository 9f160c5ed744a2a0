import { expect, type Browser } from "@playwright/test";
import { signInAs, type DemoUserName } from "../support/fixtures";
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

/** A webhook and an embed link to visit: the pages with ids the demo data doesn't have. */
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
    return { webhookId, embedToken };
  } finally {
    await context.close();
  }
}
