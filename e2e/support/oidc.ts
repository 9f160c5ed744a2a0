import { expect, type Browser, type Page } from "@playwright/test";

/** Signs in through the real identity provider's login and consent pages, in a context of its own. */
export async function signInWithOidc(browser: Browser, login: string, callbackPath: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(callbackPath);
  await expect(page).toHaveURL(/\/signin/);
  await page.getByRole("button", { name: "Continue with Acme SSO" }).click();
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/interaction\//);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any");
  await page.getByRole("button", { name: /sign-?in/i }).click();
  await page.getByRole("button", { name: /continue/i }).click();
  await expect(page).toHaveURL(new RegExp(callbackPath.replace(/[?]/g, "\\?")));
  return page;
}
