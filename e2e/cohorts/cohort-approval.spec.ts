import type { Page } from "@playwright/test";
import { expect, test } from "../support/fixtures";
import { ReleasePage } from "../support/release-page";

// Issue 10, point 4: widening a cohort changes who gets every release using it, so in an
// environment with an approval policy it is a change request like a percentage raise.

async function createKeysCohort(page: Page, name: string, key: string, targetingKey: string) {
  await page.goto("/teams/acme/cohorts/new");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Key", { exact: true }).fill(key);
  await page.getByLabel("A list of targeting keys").check();
  await page.getByRole("textbox", { name: "Targeting keys" }).fill(targetingKey);
  await page.getByRole("button", { name: "Create cohort" }).click();
  await expect(page).toHaveURL(/\/teams\/acme\/cohorts$/);
}

async function approve(page: Page, cardName: string) {
  await page.goto("/teams/acme/approvals");
  const card = page.getByRole("article", { name: `Change request: ${cardName}` });
  await card.getByRole("button", { name: "Approve" }).click();
  await expect(card.getByRole("status")).toContainText("Approved and applied");
  return card;
}

test("widening a cohort a live release serves at 100% waits for an approver; then it applies, and the cohort can be archived", async ({
  pageAs,
  uniqueKey,
}) => {
  test.setTimeout(120_000);
  const cohortKey = uniqueKey("vip");
  const cohortName = `VIP ${cohortKey}`;
  const releaseKey = uniqueKey("vip-release");
  const releaseName = `VIP lounge ${releaseKey}`;
  const erin = await pageAs("Erin Editor");
  const avery = await pageAs("Avery Approver");

  await createKeysCohort(erin, cohortName, cohortKey, `${cohortKey}-1`);
  await erin.goto("/teams/acme/releases/new?env=production");
  await erin.getByLabel("Name", { exact: true }).fill(releaseName);
  await erin.getByLabel("Key", { exact: true }).fill(releaseKey);
  await erin.getByRole("button", { name: "Create release" }).click();
  const release = new ReleasePage(erin);
  await release.typePercent(cohortName, "100");
  await release.save();
  await expect(erin.getByRole("status")).toContainText("Saved");
  await release.requestCommand("Start rollout", "one VIP user first");
  await approve(avery, `${releaseName} in Production`);

  // The edit: one listed key → everyone whose key starts with the cohort key.
  await erin.goto(`/teams/acme/cohorts/${cohortKey}/edit`);
  await erin.getByLabel("Users matching all conditions").check();
  await erin.getByLabel("Condition 1 attribute").fill("targetingKey");
  await erin.getByLabel("Condition 1 operator").selectOption("startsWith");
  await erin.getByLabel("Condition 1 values").fill(`${cohortKey}-`);
  await erin.getByRole("textbox", { name: "Comment for approvers" }).fill("all VIP accounts");
  await erin.getByRole("button", { name: "Review change" }).click();
  await expect(erin.getByRole("region", { name: "What saving changes" })).toContainText("Needs approval");
  await erin.getByRole("button", { name: "Send for approval" }).click();
  const held = erin.getByRole("status").filter({ hasText: "Sent for approval" });
  await expect(held).toContainText(
    `Production: ${releaseName}: users moving to ${cohortName} from everyone else (0%) would get 100% (above 50%)`,
  );
  await erin.goto("/teams/acme/cohorts");
  const row = erin.getByRole("listitem").filter({ hasText: cohortName });
  await expect(row).toContainText(`targeting key is ${cohortKey}-1`);

  const card = await approve(avery, `Cohort ${cohortName}`);
  await expect(card).toContainText("all VIP accounts");
  await expect(card).toContainText(`targeting key starts with ${cohortKey}-`);
  await erin.reload();
  await expect(row).toContainText(`targeting key starts with ${cohortKey}-`);

  // Archiving lowers (its users fall to everyone else at 0%): it applies at once.
  await erin.goto(`/teams/acme/cohorts/${cohortKey}/edit`);
  await erin.getByRole("button", { name: "Archive cohort" }).click();
  await erin.getByRole("dialog").getByRole("button", { name: "Archive" }).click();
  await expect(erin).toHaveURL(/\/teams\/acme\/cohorts$/);
  await expect(erin.getByRole("list", { name: "Cohorts in priority order" })).not.toContainText(cohortName);
  await erin.getByText(/Archived cohorts/).click();
  await expect(erin.getByRole("list", { name: "Archived cohorts" })).toContainText(cohortName);

  // Leave the shared demo team as it was: roll the release back and archive it.
  await release.goto("acme", releaseKey);
  await release.runCommand("Roll back");
  await expect(release.status()).toHaveText("Rolled back");
  await erin.goto(`/teams/acme/releases/${releaseKey}/edit?env=production`);
  await erin.getByRole("button", { name: "Archive release" }).click();
  await erin.getByRole("dialog").getByRole("button", { name: "Archive" }).click();
  await expect(erin).toHaveURL(/\/teams\/acme\/releases\?env=production/);
  await expect(erin.getByRole("link", { name: releaseName })).toHaveCount(0);
  await erin.getByText(/Archived releases/).click();
  await erin.getByRole("button", { name: `Restore ${releaseName}` }).click();
  await expect(erin.getByRole("link", { name: releaseName })).toBeVisible();
});
