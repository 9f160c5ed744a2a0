import type { APIRequestContext, Page } from "@playwright/test";
import { E2E_SDK_KEY } from "../../scripts/e2e/e2e-constants";
import { expect, test } from "../support/fixtures";
import { ReleasePage } from "../support/release-page";

// Issue 13, part 1: health where you act. The demo's New checkout flow regresses for Mobile app
// users in production (scripts/demo-traffic); the e2e seed has no metric data, so this spec
// sends what the demo traffic would: mobile treatment failing ten times as often as control,
// US shoppers no worse than control. Production's policy holds raises of regressing cohorts.

async function sendObservations(request: APIRequestContext) {
  const arm = (cohort: string, variant: "treatment" | "control", errors: number) => ({
    metric: "error-rate",
    release: "new-checkout",
    cohort,
    variant,
    count: 3000,
    sum: errors,
  });
  const observations = [
    arm("mobile", "treatment", 300),
    arm("mobile", "control", 30),
    arm("us", "treatment", 30),
    arm("us", "control", 30),
  ];
  await expect
    .poll(async () => {
      const response = await request.post("/api/v1/metrics", {
        headers: { authorization: `Bearer ${E2E_SDK_KEY}` },
        data: { observations },
        failOnStatusCode: false,
      });
      return response.status() === 200 ? ((await response.json()) as { accepted: number }).accepted : response.status();
    })
    .toBe(observations.length);
}

function strip(page: Page) {
  return page.getByRole("list", { name: "Health by cohort" });
}

test("the release page shows the mobile regression first, links to its charts, warns before a ramp or promote, and the policy holds the raise", async ({
  pageAs,
  request,
}) => {
  test.setTimeout(120_000);
  await sendObservations(request);
  const erin = await pageAs("Erin Editor");
  const release = new ReleasePage(erin);
  await release.goto("acme", "new-checkout", "production", "range=1h&metrics=error-rate");

  // The built-in store writes every few seconds: reload until the strip has the regression.
  const first = strip(erin).getByRole("listitem").first();
  await expect(async () => {
    await erin.reload();
    await expect(first).toHaveAttribute("data-state", "regressing", { timeout: 2_000 });
  }).toPass({ timeout: 45_000 });
  await expect(first).toContainText("Mobile app users");
  await expect(first).toContainText(/Regressing: Error rate [\d.]+× control/);
  await expect(first).toContainText("last 24 h");
  await expect(strip(erin).getByRole("listitem").filter({ hasText: "US shoppers" })).toHaveAttribute(
    "data-state",
    "healthy",
  );
  await expect(erin.getByTestId("health-badge")).toContainText(/\d+ cohorts? regressing/);

  // The strip links to the cohort's chart panel, far down the page.
  const link = first.getByRole("link");
  await expect(link).toHaveAttribute("href", "#cohort-mobile");
  await link.click();
  await expect(erin).toHaveURL(/#cohort-mobile$/);
  await expect(erin.locator("#cohort-mobile")).toBeInViewport();
  await expect(erin.locator("#cohort-mobile").getByRole("heading", { level: 3 })).toContainText("Mobile app users");

  // Ramp Mobile 20% → 40%: the diff warns, and the policy will hold it, saying why by name.
  await release.typePercent("Mobile app users", "40");
  const warning = erin.getByRole("note", { name: "Regressing cohorts" });
  await expect(warning).toContainText(/Mobile app users: Error rate [\d.]+× control \(last 24 h\), 20% → 40%/);
  const approval = erin.getByRole("note", { name: "Needs approval" });
  await expect(approval).toContainText(/Mobile app users is regressing \(Error rate [\d.]+× control, last 24 h\)/);
  await release.requestApproval("checking the regression with the mobile team");
  await expect(erin.getByRole("status").filter({ hasText: "Sent for approval" })).toBeVisible();
  // Held on the server: nothing changed.
  await erin.reload();
  await expect(release.percentInput("Mobile app users")).toHaveValue("20");

  const waiting = erin.getByRole("region", { name: /Waiting for approval/ });
  try {
    await expect(waiting).toContainText("Mobile app users");
    // The approval card says how the release is doing now.
    const avery = await pageAs("Avery Approver");
    await avery.goto("/teams/acme/approvals");
    const card = avery.getByRole("article").filter({ hasText: "checking the regression with the mobile team" });
    await expect(card.getByRole("note", { name: "Health now" })).toContainText(
      /Mobile app users: Error rate [\d.]+× control \(last 24 h\) · this request raises it/,
    );
    await expect(card.getByRole("list", { name: "Why it needs approval" })).toContainText(
      "Mobile app users is regressing",
    );

    // Promote: the confirmation names the regressing cohort going to 100%.
    await erin.getByRole("button", { name: "Promote to everyone", exact: true }).click();
    const dialog = erin.getByRole("dialog");
    await expect(dialog.getByRole("note", { name: "Regressing cohorts" })).toContainText(
      /Mobile app users: Error rate [\d.]+× control \(last 24 h\), 20% → 100%/,
    );
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
  } finally {
    await waiting.getByRole("button", { name: "Cancel request" }).click();
    await expect(waiting).toHaveCount(0);
  }

  // The team page puts the release among what needs attention and links to the same panel.
  await erin.goto("/teams/acme");
  const row = erin.getByRole("article", { name: "New checkout flow", exact: true });
  await expect(row).toHaveAttribute("data-attention", "0");
  await expect(
    row.getByTestId("rollout-attention").getByRole("link", { name: /Mobile app users regressing/ }),
  ).toHaveAttribute("href", "/teams/acme/releases/new-checkout?env=production#cohort-mobile");
});
