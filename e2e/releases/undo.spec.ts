import type { Page } from "@playwright/test";
import { expect, signInAs, test } from "../support/fixtures";
import { ReleasePage } from "../support/release-page";

// A release of its own per test, rolling out in production (which needs a second person above
// 50% and for everyone else above 0%): Mobile app users at 50%, everyone else at 0%.
async function rollingRelease(page: Page, releaseKey: string): Promise<ReleasePage> {
  await page.goto("/teams/acme/releases/new?env=production");
  await page.getByLabel("Name", { exact: true }).fill(`Undo ${releaseKey.slice(-6)}`);
  await page.getByLabel("Key", { exact: true }).fill(releaseKey);
  await page.getByRole("button", { name: "Create release" }).click();
  await expect(page).toHaveURL(new RegExp(`/releases/${releaseKey}\\?env=production`));
  const release = new ReleasePage(page);
  await expect(release.status()).toHaveText("Draft");
  await release.typePercent("Mobile app users", "50");
  await release.save();
  await expect(page.getByRole("status").filter({ hasText: "Saved in Production" })).toBeVisible();
  await release.runCommand("Start rollout");
  await expect(release.status()).toHaveText("Rolling out");
  return release;
}

test("roll back cancels the pending request it names; restore puts the percentages from before it back", async ({
  page,
  uniqueKey,
}) => {
  test.setTimeout(120_000);
  await signInAs(page, "Erin Editor", "/teams/acme/releases");
  const release = await rollingRelease(page, uniqueKey("undo-restore"));

  // A raise past 50% waits for an approver; the page says so.
  await release.typePercent("Beta testers", "60");
  await release.requestApproval("more beta");
  const sent = page.getByRole("status").filter({ hasText: "Sent for approval" });
  await expect(sent).toContainText("Beta testers");
  await expect(page.getByRole("region", { name: /Waiting for approval/ })).toBeVisible();

  // The roll back confirmation counts the request it cancels.
  await page.getByRole("button", { name: "Roll back", exact: true }).click();
  const confirm = page.getByRole("dialog");
  await expect(confirm).toContainText("It also cancels 1 pending request for approval");
  await confirm.getByRole("button", { name: "Roll back", exact: true }).click();
  await expect(confirm).toBeHidden();
  await expect(release.status()).toHaveText("Rolled back");
  // Nothing is waiting any more, and the page no longer says it is.
  await expect(sent).toHaveCount(0);
  await expect(page.getByRole("region", { name: /Waiting for approval/ })).toHaveCount(0);

  // What is served, not what was set.
  await expect(page.getByRole("group", { name: "Mobile app users: 0%, was 50%" })).toBeVisible();
  await expect(release.slider("Mobile app users")).toHaveCount(0);

  // Restore: the diff first, then rolling out again at 50%.
  await page.getByRole("button", { name: "Restore from before the roll back", exact: true }).click();
  const restore = page.getByRole("dialog");
  const diff = restore.getByRole("list", { name: "Restored percentages" });
  await expect(diff).toContainText("Mobile app users: 0% → 50%");
  await expect(diff).toContainText("Everyone else: 0% → 0%");
  await expect(restore).toContainText("Rolled back → Rolling out");
  await restore.getByRole("button", { name: "Restore from before the roll back", exact: true }).click();
  await expect(restore).toBeHidden();
  await expect(release.status()).toHaveText("Rolling out");
  await expect(release.percentInput("Mobile app users")).toHaveValue("50");
  await expect(release.percentInput("Beta testers")).toHaveValue("0");
  await expect(release.auditEvents().first()).toContainText("Restored the percentages from before the roll back");
});

test("revert a change from the audit trail: the diff first, then the values it moved go back", async ({
  page,
  pageAs,
  uniqueKey,
}) => {
  test.setTimeout(120_000);
  await signInAs(page, "Erin Editor", "/teams/acme/releases");
  const releaseKey = uniqueKey("undo-revert");
  const release = await rollingRelease(page, releaseKey);
  await release.typePercent("Mobile app users", "20");
  await release.save();
  await expect(page.getByRole("status").filter({ hasText: "Saved in Production" })).toBeVisible();

  await page.goto("/teams/acme/audit");
  const lowered = page
    .getByRole("list", { name: "Audit events" })
    .getByRole("listitem")
    .filter({ hasText: "mobile 50% → 20%" })
    .filter({ hasText: "Erin Editor" })
    .first();
  await lowered.getByRole("button", { name: "Revert this change" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("list", { name: "Revert changes" })).toHaveText("Mobile app users 20% → 50%");
  await dialog.getByRole("button", { name: "Revert", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Reverted in Production" })).toBeVisible();

  await release.goto("acme", releaseKey);
  await expect(release.percentInput("Mobile app users")).toHaveValue("50");
  await expect(release.auditEvents().first()).toContainText("reverting Erin Editor's change");

  // A viewer reads the same trail without the button.
  const vic = await pageAs("Vic Viewer");
  await vic.goto("/teams/acme/audit");
  await expect(vic.getByRole("list", { name: "Audit events" })).toContainText("reverting Erin Editor's change");
  await expect(vic.getByRole("button", { name: "Revert this change" })).toHaveCount(0);
});

test("a restore the policy holds waits for an approver, then applies", async ({ page, pageAs, uniqueKey }) => {
  test.setTimeout(120_000);
  await signInAs(page, "Erin Editor", "/teams/acme/releases");
  const releaseKey = uniqueKey("undo-held");
  const release = await rollingRelease(page, releaseKey);
  await release.runCommand("Roll back");
  await expect(release.status()).toHaveText("Rolled back");

  // Production holds every change to a critical release for a second person.
  await page.getByRole("link", { name: "Edit details" }).click();
  await page.getByLabel(/Critical release/).check();
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page).toHaveURL(new RegExp(`/releases/${releaseKey}\\?env=production`));
  await expect(page.getByText("Critical", { exact: true })).toBeVisible();

  await release.requestCommand("Restore from before the roll back", "the alert was a false alarm");
  await expect(page.getByRole("status").filter({ hasText: "Sent for approval" })).toContainText(
    "restore the percentages from before the roll back",
  );
  await expect(release.status()).toHaveText("Rolled back");
  await expect(page.getByRole("group", { name: "Mobile app users: 0%, was 50%" })).toBeVisible();

  const avery = await pageAs("Avery Approver");
  await avery.goto("/teams/acme/approvals");
  const request = avery.getByRole("article", { name: `Change request: Undo ${releaseKey.slice(-6)} in Production` });
  await expect(request).toContainText("Restore the percentages from before the roll back");
  await expect(request).toContainText("the alert was a false alarm");
  await request.getByRole("button", { name: "Approve" }).click();
  await expect(avery.getByRole("status").filter({ hasText: /applied/i })).toBeVisible();

  await page.reload();
  await expect(release.status()).toHaveText("Rolling out");
  await expect(release.percentInput("Mobile app users")).toHaveValue("50");
});
