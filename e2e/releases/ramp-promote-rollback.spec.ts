import { expect, signInAs, test } from "../support/fixtures";
import { ReleasePage } from "../support/release-page";

test("create a cohort and a release, drag to ~25%, save, promote (approved by someone else), roll back; audit lists it all", async ({
  page,
  pageAs,
  uniqueKey,
}) => {
  const cohortKey = uniqueKey("e2e-testers");
  const cohortName = `E2E testers ${cohortKey.slice(-6)}`;
  const releaseKey = uniqueKey("e2e-release");

  await signInAs(page, "Erin Editor", "/teams/acme/cohorts");

  // Cohort with a rule, validated as you type.
  await page.getByRole("link", { name: "New cohort" }).click();
  await page.getByLabel("Name", { exact: true }).fill(cohortName);
  await page.getByLabel("Key", { exact: true }).fill(cohortKey);
  await page.getByLabel("Condition 1 attribute").fill("email");
  await page.getByLabel("Condition 1 operator").selectOption("endsWith");
  await page.getByLabel("Condition 1 values").fill("@e2e.test");
  await page.getByRole("button", { name: "Create cohort" }).click();
  await expect(page).toHaveURL(/\/teams\/acme\/cohorts$/);
  await expect(page.getByText(cohortName)).toBeVisible();

  // Release: starts as a draft at 0%.
  await page.goto("/teams/acme/releases/new?env=production");
  await page.getByLabel("Name", { exact: true }).fill("E2E release");
  await page.getByLabel("Key", { exact: true }).fill(releaseKey);
  await page.getByLabel("Description", { exact: true }).fill("Created by the browser test");
  await page.getByRole("button", { name: "Create release" }).click();
  await expect(page).toHaveURL(new RegExp(`/releases/${releaseKey}\\?env=production`));
  const release = new ReleasePage(page);
  await expect(release.status()).toHaveText("Draft");

  // Drag the new cohort's slider with the mouse; the preview shows old → new before saving.
  await release.dragTo(cohortName, 0.25);
  const value = Number(await release.slider(cohortName).getAttribute("aria-valuenow"));
  expect(value).toBeGreaterThanOrEqual(2000);
  expect(value).toBeLessThanOrEqual(3000);
  const shown = await release.percentInput(cohortName).inputValue();
  const preview = page.getByRole("list", { name: "Pending changes" });
  await expect(preview).toContainText(cohortName);
  await expect(preview).toContainText(`→ ${shown}%`);
  await release.save();
  await expect(page.getByRole("status")).toContainText("Saved");

  await page.reload();
  await expect(release.percentInput(cohortName)).toHaveValue(shown);
  await expect(release.slider(cohortName)).toHaveAttribute("aria-valuenow", String(value));

  // Production needs a second person to promote: Erin asks, Avery approves.
  await release.requestCommand("Promote to everyone", "ramp looked healthy");
  await expect(page.getByRole("status").filter({ hasText: "Sent for approval" })).toBeVisible();
  await expect(release.status()).toHaveText("Draft");
  const avery = await pageAs("Avery Approver");
  await avery.goto("/teams/acme/approvals");
  const request = avery.getByRole("article", { name: "Change request: E2E release in Production" });
  await expect(request).toContainText("Promote to everyone");
  await expect(request).toContainText("ramp looked healthy");
  await request.getByRole("button", { name: "Approve" }).click();
  await expect(avery.getByRole("status").filter({ hasText: /applied/i })).toBeVisible();
  await page.reload();
  await expect(release.status()).toHaveText("Promoted");

  await release.runCommand("Roll back");
  await expect(release.status()).toHaveText("Rolled back");

  const events = release.auditEvents();
  await expect(events.filter({ hasText: "Rolled back in Production" })).toContainText("Erin Editor");
  await expect(events.filter({ hasText: "Promoted in Production" })).toContainText("Avery Approver");
  await expect(events.filter({ hasText: "Promoted in Production" })).toContainText("requested by Erin Editor");
  await expect(events.filter({ hasText: `Set ${cohortKey}` })).toContainText("Erin Editor");
  await expect(events.filter({ hasText: `Set ${cohortKey}` })).toContainText(`→ ${shown}%`);
});

test("roll back is on the page in every live status and never asks for a version", async ({ page }) => {
  await signInAs(page, "Sam Sre");
  const release = new ReleasePage(page);
  await release.goto("acme", "dark-mode", "staging");
  await expect(release.status()).toHaveText("Promoted");
  await release.runCommand("Roll back");
  await expect(release.status()).toHaveText("Rolled back");
  await expect(page.getByRole("button", { name: "Roll back", exact: true })).toBeDisabled();
  // Restart brings it back to a draft at 0% so it can ramp again.
  await release.runCommand("Restart as draft");
  await expect(release.status()).toHaveText("Draft");
});
