import { expect, signInAs, test } from "../support/fixtures";
import { ReleasePage } from "../support/release-page";

// Staging has no approval policy in the demo data, so every step here applies directly.
test("make a plan in the editor, start it, a hand change pauses it (said before Save), resume, skip to the last step; a viewer sees it without buttons", async ({
  page,
  pageAs,
  uniqueKey,
}) => {
  const releaseKey = uniqueKey("e2e-plan");
  await signInAs(page, "Erin Editor", "/teams/acme/releases/new?env=staging");
  await page.getByLabel("Name", { exact: true }).fill("E2E planned release");
  await page.getByLabel("Key", { exact: true }).fill(releaseKey);
  await page.getByRole("button", { name: "Create release" }).click();
  await expect(page).toHaveURL(new RegExp(`/releases/${releaseKey}\\?env=staging`));

  const plan = page.getByTestId("rollout-plan");
  await plan.getByRole("link", { name: "Make a plan from scratch" }).click();
  await expect(
    page.getByRole("heading", { name: /Make a rollout plan for E2E planned release in Staging/ }),
  ).toBeVisible();

  // Step 1: everyone else 10%, with a bake time that isn't whole minutes: refused next to the field.
  await page.getByLabel("Step 1: Everyone else, percent").fill("10");
  await page.getByLabel("Step 1: bake time, minutes").fill("1.5");
  await page.getByRole("button", { name: "Add a step" }).click();
  await page.getByLabel("Step 2: Everyone else, percent").fill("100");
  await page.getByLabel("Promote to everyone").check();
  await page.getByRole("button", { name: "Make the plan" }).click();
  await expect(page.getByText("Bake time is whole minutes")).toBeVisible();
  await expect(page.getByLabel("Step 1: bake time, minutes")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Step 1: bake time, minutes").fill("30");
  const words = page.getByRole("list", { name: "The plan in words" });
  // Other specs may have added cohorts: they all follow everyone else here.
  await expect(words).toContainText(/Step 1: Everyone else 0% → 10% \(and \d+ cohorts, following it\)/);
  await expect(words).toContainText(
    /Step 2: Everyone else 10% → 100% \(and \d+ cohorts, following it\), promote to everyone/,
  );
  await page.getByRole("button", { name: "Make the plan" }).click();
  await expect(page).toHaveURL(new RegExp(`/releases/${releaseKey}\\?env=staging`));
  await expect(plan.getByTestId("plan-status")).toHaveText("Plan: Not started");

  // Start: the dialog says what changes before anything does.
  await plan.getByRole("button", { name: "Start plan" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("list", { name: "What changes" })).toContainText("Everyone else 0% → 10%");
  await dialog.getByRole("button", { name: "Start plan" }).click();
  await expect(dialog).toBeHidden();
  await expect(plan.getByTestId("plan-status")).toHaveText("Plan: Running");
  await expect(plan.getByTestId("plan-current")).toContainText(/Baking: \d+ min left/);
  const release = new ReleasePage(page);
  await expect(release.status()).toHaveText("Rolling out");

  // A viewer sees the plan and no way to change it.
  const vic = await pageAs("Vic Viewer");
  await vic.goto(`/teams/acme/releases/${releaseKey}?env=staging`);
  const vicPlan = vic.getByTestId("rollout-plan");
  await expect(vicPlan.getByTestId("plan-status")).toHaveText("Plan: Running");
  await expect(vicPlan).toContainText("You have view access");
  await expect(vicPlan.getByRole("button")).toHaveCount(0);

  // Moving a slider by hand says, before Save, that it pauses the plan; after, that it did.
  await release.typePercent("Everyone else", "15");
  await expect(
    page.getByRole("note").filter({ hasText: "Saving pauses the rollout plan (step 1 of 2)" }),
  ).toBeVisible();
  await release.save();
  await expect(page.getByRole("status").filter({ hasText: "rollout plan (step 1 of 2) is paused" })).toBeVisible();
  await expect(plan.getByTestId("plan-status")).toHaveText("Plan: Paused");

  await plan.getByRole("button", { name: "Resume plan" }).click();
  await dialog.getByRole("button", { name: "Resume plan" }).click();
  await expect(plan.getByTestId("plan-status")).toHaveText("Plan: Running");

  // Skip ahead: the last step promotes, which ends the plan.
  await plan.getByRole("button", { name: "Skip to next step" }).click();
  await expect(dialog.getByRole("list", { name: "What changes" })).toContainText("Everyone else 15% → 100%");
  await dialog.getByRole("button", { name: "Skip to next step" }).click();
  await expect(release.status()).toHaveText("Promoted");
  await expect(plan.getByTestId("plan-status")).toHaveText("Plan: Finished");
});
