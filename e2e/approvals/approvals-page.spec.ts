import { expect, test } from "../support/fixtures";
import { ReleasePage } from "../support/release-page";

test("an approver rejects a held raise with a reason; the requester's change never applies", async ({ pageAs, uniqueKey }) => {
  const releaseKey = uniqueKey("e2e-reject");
  const erin = await pageAs("Erin Editor");
  await erin.goto("/teams/acme/releases/new?env=production");
  await erin.getByLabel("Name", { exact: true }).fill("Reject drill");
  await erin.getByLabel("Key", { exact: true }).fill(releaseKey);
  await erin.getByRole("button", { name: "Create release" }).click();
  await expect(erin).toHaveURL(new RegExp(`/releases/${releaseKey}\\?env=production`));
  const release = new ReleasePage(erin);
  await release.typePercent("EU shoppers", "5");
  await release.save();
  await expect(erin.getByRole("status")).toContainText("Saved");
  await release.runCommand("Start rollout");
  await expect(release.status()).toHaveText("Rolling out");

  await release.typePercent("EU shoppers", "80");
  await release.requestApproval("EU looks fine");
  await expect(erin.getByRole("status")).toContainText("Sent for approval");
  await expect(erin.getByRole("region", { name: /Waiting for approval/ })).toContainText("EU shoppers 5% → 80%");

  const avery = await pageAs("Avery Approver");
  await avery.goto("/teams/acme/approvals");
  await expect(avery.getByRole("link", { name: /Approvals/ }).getByLabel(/pending approval/)).toBeVisible();
  const card = avery.getByRole("article", { name: "Change request: Reject drill in Production" });
  await expect(card).toContainText("5% → 80%");
  await expect(card).toContainText("eu raised above 50% (to 80%)");
  await card.getByRole("button", { name: "Reject" }).click();
  await expect(card.getByRole("alert")).toContainText("Say why");
  await card.getByLabel("Comment").fill("EU error budget is spent this week");
  await card.getByRole("button", { name: "Reject" }).click();
  await expect(card.getByRole("status")).toContainText("Rejected");
  await avery.reload();
  await expect(avery.getByRole("list", { name: "Recently decided" })).toContainText("EU error budget is spent this week");

  await erin.reload();
  await expect(release.percentInput("EU shoppers")).toHaveValue("5");
  await expect(erin.getByRole("region", { name: /Waiting for approval/ })).toHaveCount(0);
  await expect(release.auditEvents().filter({ hasText: "Change request rejected" }).first()).toContainText("Avery Approver");
});

test("an admin edits an environment's approval policy and sees old → new first", async ({ pageAs }) => {
  const ada = await pageAs("Ada Admin");
  await ada.goto("/teams/acme/environments");
  const staging = ada.getByRole("form", { name: "Approval policy for Staging" });
  await staging.getByLabel("Promoting to everyone").check();
  const change = staging.getByLabel("Policy change");
  await expect(change).toContainText("Every change applies directly");
  await expect(change).toContainText("→ Needs approval: promoting; requests expire after 1 day");
  await staging.getByRole("button", { name: "Save policy" }).click();
  await expect(staging.getByRole("status")).toHaveText("Saved.");
  try {
    const vic = await pageAs("Vic Viewer");
    await vic.goto("/teams/acme/environments");
    await expect(vic.getByText("Needs approval: promoting; requests expire after 1 day.")).toBeVisible();
    await expect(vic.getByRole("form", { name: /Approval policy/ })).toHaveCount(0);
  } finally {
    await ada.reload();
    await staging.getByLabel("Promoting to everyone").uncheck();
    await staging.getByRole("button", { name: "Save policy" }).click();
    await expect(staging.getByRole("status")).toHaveText("Saved.");
  }
});
