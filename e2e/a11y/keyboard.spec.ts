import { expect, test } from "../support/fixtures";

test("the first Tab reaches “Skip to content”, which moves focus past the navigation to the page", async ({
  pageAs,
}) => {
  const page = await pageAs("Erin Editor");
  await page.goto("/teams/acme/releases");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("main")).toBeFocused();
  // The next Tab lands inside the page, not in the navigation.
  await page.keyboard.press("Tab");
  await expect
    .poll(() => page.evaluate(() => document.getElementById("main")?.contains(document.activeElement) ?? false))
    .toBe(true);
});

test("a code example wider than a phone scrolls with the keyboard", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 } });
  try {
    const page = await context.newPage();
    await page.goto("/signin");
    await page.getByRole("button", { name: "Sign in as Erin Editor" }).click();
    await page.waitForURL(/\/teams\//);
    await page.goto("/teams/acme/releases/new-checkout?env=production");
    const code = page.getByRole("region", { name: "Node.js example" });
    await code.focus();
    await expect(code).toBeFocused();
    await page.keyboard.press("End");
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => code.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  } finally {
    await context.close();
  }
});

test("a viewer sees the new-release and metric forms read only, the reason first, nothing to submit", async ({
  pageAs,
}) => {
  const vic = await pageAs("Vic Viewer");
  for (const [path, reason, field] of [
    ["/teams/acme/releases/new", "it takes an editor to create releases", "Name"],
    ["/teams/acme/releases/new-checkout/edit", "it takes an editor to change a release's details", "Name"],
    ["/teams/acme/metrics/new", "it takes an editor to add metrics", "Name"],
    ["/teams/acme/metrics/error-rate/edit", "it takes an editor to change metrics", "Name"],
  ] as const) {
    await vic.goto(path);
    // The reason comes first and describes the disabled fields (the outermost group).
    await expect(vic.locator("p", { hasText: "Read only." })).toContainText(reason);
    await expect(vic.getByRole("main").getByRole("group").first()).toHaveAccessibleDescription(
      new RegExp(`^Read only\\. .*${reason}`),
    );
    await expect(vic.getByLabel(field, { exact: true })).toBeDisabled();
    await expect(vic.getByRole("main").getByRole("button", { name: /Create|Save/ })).toHaveCount(0);
  }
  const erin = await pageAs("Erin Editor");
  await erin.goto("/teams/acme/releases/new");
  await expect(erin.getByText("Read only.")).toHaveCount(0);
  await expect(erin.getByLabel("Name", { exact: true })).toBeEnabled();
  await expect(erin.getByRole("button", { name: "Create release" })).toBeEnabled();
});
