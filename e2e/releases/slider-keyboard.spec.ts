import { expect, test } from "../support/fixtures";
import { ReleasePage } from "../support/release-page";

test("sliders work from the keyboard and take typed values with 0.1% steps", async ({ pageAs }) => {
  const release = new ReleasePage(await pageAs("Erin Editor"));
  await release.goto("acme", "onboarding-tour", "production");
  const slider = release.slider("Free tier");
  await expect(slider).toHaveAttribute("aria-valuenow", "50");

  await slider.focus();
  await slider.press("ArrowRight");
  await expect(slider).toHaveAttribute("aria-valuenow", "150");
  await slider.press("Shift+ArrowRight");
  await expect(slider).toHaveAttribute("aria-valuenow", "160");
  await slider.press("PageUp");
  await expect(slider).toHaveAttribute("aria-valuenow", "1160");
  await slider.press("End");
  await expect(slider).toHaveAttribute("aria-valuenow", "10000");
  await slider.press("Home");
  await expect(slider).toHaveAttribute("aria-valuenow", "0");

  await release.typePercent("Free tier", "0.3");
  await expect(slider).toHaveAttribute("aria-valuenow", "30");
  await expect(release.page.getByRole("list", { name: "Pending changes" })).toContainText("0.5% → 0.3%");

  await release.typePercent("Free tier", "101");
  await expect(release.page.getByRole("alert").filter({ hasText: "between 0 and 100" })).toBeVisible();
  await expect(slider).toHaveAttribute("aria-valuenow", "30");

  // Nothing is saved until Save: discarding leaves the stored value.
  await release.page.getByRole("button", { name: "Discard" }).click();
  await expect(slider).toHaveAttribute("aria-valuenow", "50");
});

test("the environment switch is kept in the URL and each environment has its own rollout", async ({ pageAs }) => {
  const page = await pageAs("Erin Editor");
  const release = new ReleasePage(page);
  await release.goto("acme", "new-checkout", "production");
  await expect(release.status()).toHaveText("Rolling out");
  await page.getByRole("navigation", { name: "Environment" }).getByRole("link", { name: "Staging" }).click();
  await expect(page).toHaveURL(/env=staging/);
  await expect(release.status()).toHaveText("Promoted");
  await expect(page.getByRole("heading", { name: "Rollout in Staging" })).toBeVisible();
});
