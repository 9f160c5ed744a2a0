import { expect, test } from "../support/fixtures";

test("cohort rules are validated as you type and a pattern RE2 can't run is refused", async ({ pageAs, uniqueKey }) => {
  const page = await pageAs("Erin Editor");
  await page.goto("/teams/acme/cohorts/new");
  await page.getByLabel("Name", { exact: true }).fill("Risky regex");
  await page.getByLabel("Key", { exact: true }).fill(uniqueKey("risky"));
  await page.getByLabel("Condition 1 attribute").fill("email");
  await page.getByLabel("Condition 1 operator").selectOption("matches");
  await page.getByLabel("Condition 1 values").fill("(a)\\1");
  await expect(page.getByText(/backreferences and lookaround aren't supported/)).toBeVisible();
  await page.getByLabel("Condition 1 values").fill("([a-z");
  await expect(page.getByText(/Invalid regular expression/i)).toBeVisible();
  await page.getByRole("button", { name: "Create cohort" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "nothing was saved" })).toBeVisible();
  await page.goto("/teams/acme/cohorts");
  await expect(page.getByText("Risky regex")).toHaveCount(0);
});

test("duplicate release key is refused with a message naming the field", async ({ pageAs }) => {
  const page = await pageAs("Erin Editor");
  await page.goto("/teams/acme/releases/new");
  await page.getByLabel("Name", { exact: true }).fill("Another checkout");
  await page.getByLabel("Key", { exact: true }).fill("new-checkout");
  await page.getByRole("button", { name: "Create release" }).click();
  await expect(page.getByText('A release with key "new-checkout" already exists')).toBeVisible();
  await expect(page).toHaveURL(/\/releases\/new/);
});
