import type { Page } from "@playwright/test";
import { expect, test } from "../support/fixtures";
import { ReleasePage } from "../support/release-page";

/**
 * A release of the test's own, rolling in production with EU shoppers at 5%, and a request to
 * take them to 80% (acme production holds raising a cohort above 50%).
 */
async function requestEuRaise(erin: Page, key: string, name: string, comment: string) {
  await erin.goto("/teams/acme/releases/new?env=production");
  await erin.getByLabel("Name", { exact: true }).fill(name);
  await erin.getByLabel("Key", { exact: true }).fill(key);
  await erin.getByRole("button", { name: "Create release" }).click();
  await expect(erin).toHaveURL(new RegExp(`/releases/${key}\\?env=production`));
  const release = new ReleasePage(erin);
  await release.typePercent("EU shoppers", "5");
  await release.save();
  await expect(erin.getByRole("status")).toContainText("Saved");
  await release.runCommand("Start rollout");
  await expect(release.status()).toHaveText("Rolling out");

  await release.typePercent("EU shoppers", "80");
  await release.requestApproval(comment);
  await expect(erin.getByRole("status")).toContainText("Sent for approval");
  await expect(erin.getByRole("region", { name: /Waiting for approval/ })).toContainText("EU shoppers 5% → 80%");
  return release;
}

const cardOf = (page: Page, releaseName: string) =>
  page.getByRole("article", { name: `Change request: ${releaseName} in Production` });

test("an approver approves a held raise and it applies; the requester can only cancel hers, a viewer only reads", async ({
  pageAs,
  uniqueKey,
}) => {
  const key = uniqueKey("e2e-approve");
  const erin = await pageAs("Erin Editor");
  const release = await requestEuRaise(erin, key, "Approve drill", "EU error rate flat for a week");

  await erin.goto("/teams/acme/approvals");
  const own = cardOf(erin, "Approve drill");
  await expect(own).toContainText("You requested this — someone else must approve it.");
  await expect(own.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await expect(own.getByRole("button", { name: "Reject" })).toHaveCount(0);
  await expect(own.getByRole("button", { name: "Cancel request" })).toBeVisible();

  const vic = await pageAs("Vic Viewer");
  await vic.goto("/teams/acme/approvals");
  await expect(cardOf(vic, "Approve drill")).toContainText("EU error rate flat for a week");
  await expect(cardOf(vic, "Approve drill").getByRole("button")).toHaveCount(0);

  const avery = await pageAs("Avery Approver");
  await avery.goto("/teams/acme/releases");
  const nav = avery.getByRole("navigation", { name: "Team" });
  await expect(nav.getByRole("link", { name: /Approvals/ }).getByLabel(/^\d+ pending approvals?$/)).toBeVisible();
  await nav.getByRole("link", { name: /Approvals/ }).click();
  const card = cardOf(avery, "Approve drill");
  await expect(card.getByRole("row", { name: /EU shoppers/ })).toContainText("5% → 80%");
  await expect(card.getByRole("list", { name: "Why it needs approval" })).toContainText(
    "EU shoppers raised above 50% (to 80%)",
  );
  await expect(card).toContainText("Comment from Erin Editor");
  await expect(card).toContainText("EU error rate flat for a week");
  await card.getByLabel("Comment").fill("Checked the EU dashboards");
  await card.getByRole("button", { name: "Approve" }).click();
  // The card stays with the outcome after the list refreshes without it.
  await expect(card.getByRole("status")).toHaveText(
    "Approved and applied: Approve drill in Production is now at EU shoppers 80%.",
  );
  const decided = avery
    .getByRole("list", { name: "Recently decided" })
    .getByRole("listitem")
    .filter({ hasText: "Approve drill" });
  await expect(decided).toContainText(
    /Applied.*EU shoppers 5% → 80%.*approved by Avery Approver.*Checked the EU dashboards/,
  );

  await release.goto("acme", key);
  await expect(release.percentInput("EU shoppers")).toHaveValue("80");
  await expect(erin.getByRole("region", { name: /Waiting for approval/ })).toHaveCount(0);
});

test("approving a request the release has moved past applies nothing and says so", async ({ pageAs, uniqueKey }) => {
  const key = uniqueKey("e2e-stale");
  const erin = await pageAs("Erin Editor");
  const release = await requestEuRaise(erin, key, "Stale drill", "");
  await release.goto("acme", key);
  await release.typePercent("US shoppers", "10");
  await release.save();
  await expect(erin.getByRole("status")).toContainText("Saved");

  const avery = await pageAs("Avery Approver");
  await avery.goto("/teams/acme/approvals");
  const card = cardOf(avery, "Stale drill");
  await expect(card).toContainText("No comment.");
  await card.getByRole("button", { name: "Approve" }).click();
  await expect(card.getByRole("status")).toContainText(
    "Stale: the release changed since the request; nothing was applied.",
  );
  await expect(
    avery.getByRole("list", { name: "Recently decided" }).getByRole("listitem").filter({ hasText: "Stale drill" }),
  ).toContainText("Stale");

  await release.goto("acme", key);
  await expect(release.percentInput("EU shoppers")).toHaveValue("5");
  await expect(release.percentInput("US shoppers")).toHaveValue("10");
});

test("an approver rejects a held raise with a reason; the requester's change never applies", async ({
  pageAs,
  uniqueKey,
}) => {
  const key = uniqueKey("e2e-reject");
  const erin = await pageAs("Erin Editor");
  const release = await requestEuRaise(erin, key, "Reject drill", "EU looks fine");

  const avery = await pageAs("Avery Approver");
  await avery.goto("/teams/acme/approvals");
  const card = cardOf(avery, "Reject drill");
  await expect(card).toContainText("5% → 80%");
  await expect(card).toContainText("EU shoppers raised above 50% (to 80%)");
  await card.getByRole("button", { name: "Reject" }).click();
  await expect(card.getByRole("alert")).toContainText("Say why");
  await card.getByLabel("Comment").fill("EU error budget is spent this week");
  await card.getByRole("button", { name: "Reject" }).click();
  await expect(card.getByRole("status")).toContainText("Rejected");
  await avery.reload();
  await expect(cardOf(avery, "Reject drill")).toHaveCount(0);
  await expect(avery.getByRole("list", { name: "Recently decided" })).toContainText(
    "EU error budget is spent this week",
  );

  await erin.reload();
  await expect(release.percentInput("EU shoppers")).toHaveValue("5");
  await expect(erin.getByRole("region", { name: /Waiting for approval/ })).toHaveCount(0);
  await expect(release.auditEvents().filter({ hasText: "Change request rejected" }).first()).toContainText(
    "Avery Approver",
  );
});

test("an admin edits an environment's approval policy and sees old → new first", async ({ pageAs }) => {
  const ada = await pageAs("Ada Admin");
  await ada.goto("/teams/acme/environments");
  const staging = ada.getByRole("form", { name: "Approval policy for Staging" });
  await expect(staging.getByLabel("Current policy")).toHaveText("Every change applies directly.");
  await staging.getByLabel("Promoting to everyone").check();
  const change = staging.getByLabel("Policy change");
  await expect(change).toContainText("Every change applies directly");
  await expect(change).toContainText("→ Needs approval: promoting; requests expire after 1 day");
  await staging.getByRole("button", { name: "Save policy" }).click();
  await expect(staging.getByRole("status")).toHaveText("Saved.");
  await expect(staging.getByLabel("Current policy")).toHaveText(
    "Needs approval: promoting; requests expire after 1 day.",
  );
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

test("two admins editing one policy: the second save is refused and shows the policy as it is now", async ({
  pageAs,
}) => {
  const first = await pageAs("Ada Admin");
  const second = await pageAs("Ada Admin");
  await first.goto("/teams/acme/environments");
  await second.goto("/teams/acme/environments");
  const mine = first.getByRole("form", { name: "Approval policy for Staging" });
  const theirs = second.getByRole("form", { name: "Approval policy for Staging" });
  await mine.getByLabel("Raising a cohort (or everyone else) above").check();
  await mine.getByLabel("Threshold percentage").fill("25");
  await expect(mine.getByLabel("Policy change")).toContainText(
    "→ Needs approval: raising a cohort above 25%; requests expire after 1 day",
  );
  await theirs.getByLabel("Promoting to everyone").check();
  await theirs.getByRole("button", { name: "Save policy" }).click();
  await expect(theirs.getByRole("status")).toHaveText("Saved.");
  try {
    await mine.getByRole("button", { name: "Save policy" }).click();
    const refused = mine.getByRole("alert");
    await expect(refused).toContainText("changed by Ada Admin since you opened it. Nothing was saved.");
    await expect(refused).toContainText("It now reads: Needs approval: promoting; requests expire after 1 day.");
    // The refresh moved "old" to their policy; these edits stay until saved again or discarded.
    await expect(mine.getByLabel("Current policy")).toHaveText(
      "Needs approval: promoting; requests expire after 1 day.",
    );
    await expect(mine.getByLabel("Threshold percentage")).toHaveValue("25");
    await mine.getByRole("button", { name: "Discard" }).click();
    await expect(mine.getByLabel("Promoting to everyone")).toBeChecked();
  } finally {
    await second.reload();
    await theirs.getByLabel("Promoting to everyone").uncheck();
    await theirs.getByRole("button", { name: "Save policy" }).click();
    await expect(theirs.getByRole("status")).toHaveText("Saved.");
  }
});
