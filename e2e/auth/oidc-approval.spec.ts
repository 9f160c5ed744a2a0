import { expect, test } from "../support/fixtures";
import { signInWithOidc } from "../support/oidc";
import { ReleasePage } from "../support/release-page";

// Two people, both signed in through the real OpenID Connect flow: a requester and an approver.
// Production's policy holds raising a cohort above 50% for a second person.
test("a raise past the policy threshold waits for someone else's approval, then applies; the audit trail shows both", async ({
  browser,
  uniqueKey,
}) => {
  const releaseKey = uniqueKey("oidc-approval");
  const releasePath = `/teams/acme/releases/${releaseKey}?env=production`;

  const erinPage = await signInWithOidc(browser, "erin", "/teams/acme/releases/new?env=production");
  await expect(erinPage.getByText("Erin Editor · editor")).toBeVisible();
  await erinPage.getByLabel("Name", { exact: true }).fill("Approval drill");
  await erinPage.getByLabel("Key", { exact: true }).fill(releaseKey);
  await erinPage.getByRole("button", { name: "Create release" }).click();
  await expect(erinPage).toHaveURL(new RegExp(`/releases/${releaseKey}\\?env=production`));
  const erin = new ReleasePage(erinPage);

  // 10% for mobile and start: within policy, applies directly.
  await erin.typePercent("Mobile app users", "10");
  await erin.save();
  await expect(erinPage.getByRole("status")).toContainText("Saved");
  await erin.runCommand("Start rollout");
  await expect(erin.status()).toHaveText("Rolling out");

  // 60% is above the threshold: the page says so before anything is sent.
  await erin.typePercent("Mobile app users", "60");
  await expect(erinPage.getByRole("note", { name: "Needs approval" })).toContainText(
    "Mobile app users raised above 50% (to 60%)",
  );
  await erin.requestApproval("error rate flat for 2 days");
  await expect(erinPage.getByRole("status")).toContainText("Sent for approval");
  await erinPage.reload();
  await expect(erin.percentInput("Mobile app users")).toHaveValue("10");

  // The requester can't approve her own request.
  await erinPage.goto("/teams/acme/approvals");
  const own = erinPage.getByRole("article", { name: "Change request: Approval drill in Production" });
  await expect(own).toContainText("10% → 60%");
  await expect(own.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await expect(own).toContainText(/someone else/i);

  const averyPage = await signInWithOidc(browser, "avery", "/teams/acme/approvals");
  await expect(averyPage.getByText("Avery Approver · approver")).toBeVisible();
  await expect(
    averyPage.getByRole("navigation", { name: "Team" }).getByRole("link", { name: /Approvals/ }),
  ).toContainText(/\d/);
  const request = averyPage.getByRole("article", { name: "Change request: Approval drill in Production" });
  await expect(request).toContainText("Erin Editor");
  await expect(request).toContainText("error rate flat for 2 days");
  await expect(request).toContainText("10% → 60%");
  await request.getByLabel("Comment").fill("agreed, go");
  await request.getByRole("button", { name: "Approve" }).click();
  await expect(averyPage.getByRole("status").filter({ hasText: /applied/i })).toBeVisible();

  await erinPage.goto(releasePath);
  await expect(erin.percentInput("Mobile app users")).toHaveValue("60");
  const applied = erin.auditEvents().filter({ hasText: "Set mobile 10% → 60%" });
  await expect(applied.first()).toContainText("requested by Erin Editor, approved by Avery Approver");
  await expect(erin.auditEvents().filter({ hasText: "Change request approved" }).first()).toContainText(
    "Avery Approver",
  );
  await expect(erin.auditEvents().filter({ hasText: "Requested approval" }).first()).toContainText("Erin Editor");

  await erinPage.context().close();
  await averyPage.context().close();
});
