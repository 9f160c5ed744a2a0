import { expect, test } from "../support/fixtures";

test("an unauthenticated visit redirects to sign-in and comes back after", async ({ page }) => {
  await page.goto("/teams/acme/cohorts");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fteams%2Facme%2Fcohorts/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.getByRole("button", { name: "Sign in as Ada Admin" }).click();
  await expect(page).toHaveURL(/\/teams\/acme\/cohorts$/);
  await expect(page.getByText("Ada Admin · admin")).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/teams/acme/releases");
  await expect(page).toHaveURL(/\/signin/);
});

test("a team the user is not in is not found, not forbidden", async ({ pageAs }) => {
  const page = await pageAs("Erin Editor");
  const response = await page.goto("/teams/platform/releases");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});
