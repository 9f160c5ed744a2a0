import { setRole } from "../support/database";
import { expect, test } from "../support/fixtures";
import { ReleasePage } from "../support/release-page";

test("a viewer sees the rollout but has no controls", async ({ pageAs }) => {
  const release = new ReleasePage(await pageAs("Vic Viewer"));
  await release.goto("acme", "new-checkout");
  await expect(release.page.getByText("You have view access: ask an editor to change percentages.")).toBeVisible();
  await expect(release.slider("EU shoppers")).toHaveAttribute("data-disabled", "");
  await expect(release.percentInput("EU shoppers")).toBeDisabled();
  await expect(release.page.getByRole("button", { name: "Roll back" })).toHaveCount(0);
  await expect(release.page.getByRole("link", { name: "New release" })).toHaveCount(0);
});

test("the server refuses a save from someone who was demoted to viewer while the page was open", async ({
  pageAs,
}, testInfo) => {
  const project = testInfo.project.name;
  const page = await pageAs("Sam Sre");
  const release = new ReleasePage(page);
  await release.goto("acme", "onboarding-tour");
  const before = await release.percentInput("US shoppers").inputValue();
  await release.typePercent("US shoppers", "33");
  await setRole(project, "sam@acme.test", "acme", "viewer");
  try {
    await release.save();
    await expect(page.getByRole("alert").filter({ hasText: "You are a viewer in Acme Shop" })).toBeVisible();
    await page.reload();
    await expect(release.percentInput("US shoppers")).toHaveValue(before);
    // Roll back is refused too: viewers read, they don't change.
    await expect(page.getByRole("button", { name: "Roll back" })).toHaveCount(0);
  } finally {
    await setRole(project, "sam@acme.test", "acme", "editor");
  }
});
