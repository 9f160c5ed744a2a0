import type { APIRequestContext, Page } from "@playwright/test";
import { E2E_SDK_KEY } from "@/scripts/e2e/e2e-constants";
import { expect, test } from "../support/fixtures";
import { ReleasePage } from "../support/release-page";

// Issue 13, part 3: cohort changes are rollout changes. Before saving, the form shows which
// releases in which environments the change alters and for about how many users; a change a
// policy would hold goes to another person; the audit trail says what changed in words.

async function approve(page: Page, cardName: string) {
  await page.goto("/teams/acme/approvals");
  const card = page.getByRole("article", { name: `Change request: ${cardName}` });
  await card.getByRole("button", { name: "Approve" }).click();
  await expect(card.getByRole("status")).toContainText("Approved and applied");
  return card;
}

/** Evaluations through the SDK API, so the exposure store has users of the release to count. */
async function evaluateUsers(request: APIRequestContext, releaseKey: string, keys: string[]) {
  for (const targetingKey of keys) {
    const response = await request.post(`/ofrep/v1/evaluate/flags/${releaseKey}`, {
      headers: { authorization: `Bearer ${E2E_SDK_KEY}` },
      data: { context: { targetingKey } },
    });
    expect(response.status()).toBe(200);
  }
}

test("widening a cohort a live release serves at 100%: preview with release, environment and users, held, approved by someone else, applied, audited in words", async ({
  pageAs,
  uniqueKey,
  request,
}) => {
  test.setTimeout(150_000);
  const cohortKey = uniqueKey("lounge");
  const cohortName = `Lounge ${cohortKey}`;
  const releaseKey = uniqueKey("lounge-release");
  const releaseName = `Lounge door ${releaseKey}`;
  const erin = await pageAs("Erin Editor");
  const avery = await pageAs("Avery Approver");

  await erin.goto("/teams/acme/cohorts/new");
  await erin.getByLabel("Name", { exact: true }).fill(cohortName);
  await erin.getByLabel("Key", { exact: true }).fill(cohortKey);
  await erin.getByLabel("A list of targeting keys").check();
  await erin.getByRole("textbox", { name: "Targeting keys" }).fill(`${cohortKey}-1`);
  await erin.getByRole("button", { name: "Create cohort" }).click();
  await expect(erin).toHaveURL(/\/teams\/acme\/cohorts$/);
  await expect(erin.getByRole("listitem").filter({ hasText: cohortName })).toContainText(
    `targeting key is ${cohortKey}-1`,
  );

  await erin.goto("/teams/acme/releases/new?env=production");
  await erin.getByLabel("Name", { exact: true }).fill(releaseName);
  await erin.getByLabel("Key", { exact: true }).fill(releaseKey);
  await erin.getByRole("button", { name: "Create release" }).click();
  const release = new ReleasePage(erin);
  await release.typePercent(cohortName, "100");
  await release.save();
  await expect(erin.getByRole("status")).toContainText("Saved");
  await release.requestCommand("Start rollout", "one lounge user first");
  await approve(avery, `${releaseName} in Production`);

  // 12 users of the release, all in "everyone else" (0%) today.
  await expect
    .poll(async () =>
      (
        await request.post(`/ofrep/v1/evaluate/flags/${releaseKey}`, {
          headers: { authorization: `Bearer ${E2E_SDK_KEY}` },
          data: { context: { targetingKey: `${cohortKey}-u0` } },
        })
      ).status(),
    )
    .toBe(200);
  await evaluateUsers(
    request,
    releaseKey,
    Array.from({ length: 12 }, (_, i) => `${cohortKey}-u${i}`),
  );

  // The edit: one listed key → everyone whose key starts with the cohort key. Exposures reach
  // the store within a flush, so open the form and ask for the preview until it counts them.
  const preview = erin.getByRole("region", { name: "What saving changes" });
  const entry = preview
    .getByRole("list", { name: "Releases affected" })
    .getByRole("listitem")
    .filter({ hasText: `${releaseName} in Production` });
  await expect(async () => {
    await erin.goto(`/teams/acme/cohorts/${cohortKey}/edit`);
    await erin.getByLabel("Users matching all conditions").check();
    await erin.getByLabel("Condition 1 attribute").fill("targetingKey");
    await erin.getByLabel("Condition 1 operator").selectOption("startsWith");
    await erin.getByLabel("Condition 1 values").fill(`${cohortKey}-`);
    await erin.getByRole("button", { name: "Review change" }).click();
    await expect(entry).toContainText(/\d+ users seen in everyone else in 24 h/, { timeout: 3_000 });
  }).toPass({ timeout: 40_000 });
  await expect(preview).toContainText(
    `Who is in it: 1 listed targeting key → users where targeting key starts with ${cohortKey}-`,
  );
  await expect(entry).toContainText(`Some users of everyone else (0%) move to ${cohortName} (100%)`);
  await expect(entry).toContainText(/up to ≈ \d+ users would start getting it/);
  await expect(preview).toContainText("Needs approval");
  await erin.getByRole("textbox", { name: "Comment for approvers" }).fill("all lounge accounts");
  await expect(preview).toContainText(
    `Production: ${releaseName}: users moving to ${cohortName} from everyone else (0%) would get 100% (above 50%)`,
  );
  await erin.getByRole("button", { name: "Send for approval" }).click();
  await expect(erin.getByRole("status").filter({ hasText: "Sent for approval" })).toBeVisible();

  // Nothing changed yet; another person approves and it applies.
  await erin.goto("/teams/acme/cohorts");
  const row = erin.getByRole("listitem").filter({ hasText: cohortName });
  await expect(row).toContainText(`targeting key is ${cohortKey}-1`);
  const card = await approve(avery, `Cohort ${cohortName}`);
  await expect(card).toContainText("all lounge accounts");
  await erin.reload();
  await expect(row).toContainText(`targeting key starts with ${cohortKey}-`);

  // The audit trail says what changed in words, not JSON.
  await erin.goto("/teams/acme/audit");
  const event = erin.locator('li[data-action="cohort.updated"]').filter({ hasText: cohortName }).first();
  await expect(event.getByRole("list", { name: "What changed" })).toHaveText(
    `Who is in it: 1 listed targeting key → users where targeting key starts with ${cohortKey}-`,
  );
  await expect(event).not.toContainText("{");

  // Leave the demo team as it was: roll the release back and archive it and the cohort.
  await release.goto("acme", releaseKey);
  await release.runCommand("Roll back");
  await expect(release.status()).toHaveText("Rolled back");
  await erin.goto(`/teams/acme/releases/${releaseKey}/edit?env=production`);
  await erin.getByRole("button", { name: "Archive release" }).click();
  await erin.getByRole("dialog").getByRole("button", { name: "Archive" }).click();
  await expect(erin).toHaveURL(/\/teams\/acme\/releases\?env=production/);
  await erin.goto(`/teams/acme/cohorts/${cohortKey}/edit`);
  await erin.getByRole("button", { name: "Archive cohort" }).click();
  await erin.getByRole("dialog").getByRole("button", { name: "Archive" }).click();
  await expect(erin).toHaveURL(/\/teams\/acme\/cohorts$/);
});

test("a cohort inside a broader one above it is flagged as never matching, in the form as you type and on the list; a move shows what it does first", async ({
  pageAs,
  uniqueKey,
}) => {
  test.setTimeout(120_000);
  const cohortKey = uniqueKey("ios-de");
  const cohortName = `iOS power users in DE ${cohortKey}`;
  const erin = await pageAs("Erin Editor");
  await erin.goto("/teams/acme/cohorts/new");
  await erin.getByLabel("Name", { exact: true }).fill(cohortName);
  await erin.getByLabel("Key", { exact: true }).fill(cohortKey);
  await erin.getByLabel("Condition 1 attribute").fill("platform");
  await erin.getByLabel("Condition 1 values").fill("ios");
  await erin.getByRole("button", { name: "Add condition" }).click();
  await erin.getByLabel("Condition 2 attribute").fill("country");
  await erin.getByLabel("Condition 2 values").fill("DE");
  const warnings = erin.getByRole("list", { name: "Rule warnings" });
  // EU shoppers (country in the EU) and Mobile app users (platform ios or android) each catch all of it.
  await expect(warnings).toContainText(
    /Never matches: everyone it would match is already in .*Mobile app users above it/,
  );
  await erin.getByRole("button", { name: "Create cohort" }).click();
  await expect(erin).toHaveURL(/\/teams\/acme\/cohorts$/);
  const row = erin.getByRole("listitem").filter({ hasText: cohortName });
  await expect(row).toContainText(/⚠ Never matches: everyone it would match is already in .*Mobile app users above it/);

  // A move is previewed before anything changes; cancelling changes nothing.
  await row.getByRole("button", { name: `Move ${cohortName} up` }).click();
  const moving = erin.getByRole("region", { name: `Moving ${cohortName} up` });
  await expect(moving).toContainText(`${cohortName} moved above`);
  // Mobile app users and EU shoppers above catch all of its users: nobody moves.
  await expect(moving).toContainText("Nobody moves between cohorts");
  await row.getByRole("button", { name: "Cancel" }).click();
  await expect(moving).toHaveCount(0);

  await erin.goto(`/teams/acme/cohorts/${cohortKey}/edit`);
  await erin.getByRole("button", { name: "Archive cohort" }).click();
  await erin.getByRole("dialog").getByRole("button", { name: "Archive" }).click();
  await expect(erin).toHaveURL(/\/teams\/acme\/cohorts$/);
});

test("a viewer sees the cohort forms read-only, with the reason up front", async ({ pageAs }) => {
  const vic = await pageAs("Vic Viewer");
  await vic.goto("/teams/acme/cohorts/new");
  await expect(vic.getByRole("note")).toContainText("Read only. You are a viewer in");
  await expect(vic.getByLabel("Name", { exact: true })).toBeDisabled();
  await expect(vic.getByRole("button", { name: "Create cohort" })).toHaveCount(0);

  await vic.goto("/teams/acme/cohorts");
  await vic.getByRole("link", { name: "View the rules of Mobile app users" }).click();
  await expect(vic).toHaveURL(/\/teams\/acme\/cohorts\/mobile\/edit$/);
  await expect(vic.getByRole("note")).toContainText("creating or changing them needs the editor role");
  await expect(vic.getByLabel("Condition 1 values")).toBeDisabled();
  await expect(vic.getByLabel("Condition 1 values")).toHaveValue("ios, android");
  await expect(vic.getByRole("button", { name: /Review change|Save cohort/ })).toHaveCount(0);
  await expect(vic.getByRole("button", { name: "Archive cohort" })).toHaveCount(0);
});
