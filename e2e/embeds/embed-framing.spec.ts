import { E2E_SDK_KEY } from "../../scripts/e2e/e2e-constants";
import { expect, test } from "../support/fixtures";
import { startParentPage } from "../support/parent-page-server";

// A team's wiki (another local server, another origin) frames a release's chart. The link
// lists the wiki's origin; the same page served from an origin not on the list is refused by
// the browser itself (Content-Security-Policy: frame-ancestors).
test("an embed link frames on the listed origin with data, is refused elsewhere, and answers 404 once revoked", async ({
  pageAs,
  page,
  request,
  uniqueKey,
}) => {
  const releaseKey = uniqueKey("e2e-embed");
  const erin = await pageAs("Erin Editor");
  await erin.goto("/teams/acme/releases/new?env=production");
  await erin.getByLabel("Name", { exact: true }).fill("Embedded checkout");
  await erin.getByLabel("Key", { exact: true }).fill(releaseKey);
  await erin.getByRole("button", { name: "Create release" }).click();
  await expect(erin).toHaveURL(new RegExp(`/releases/${releaseKey}\\?env=production`));

  // Traffic for "everyone else", as the application would send it.
  const observations = (["treatment", "control"] as const).flatMap((variant) => [
    {
      metric: "error-rate",
      release: releaseKey,
      cohort: "default",
      variant,
      count: 500,
      sum: variant === "treatment" ? 20 : 5,
    },
    ...[120, 180, 240].map((value) => ({ metric: "latency", release: releaseKey, cohort: "default", variant, value })),
  ]);
  await expect(async () => {
    const response = await request.post("/api/v1/metrics", {
      headers: { authorization: `Bearer ${E2E_SDK_KEY}` },
      data: { observations },
    });
    expect(await response.json()).toMatchObject({ accepted: observations.length });
  }).toPass({ timeout: 15_000 });

  // The wiki's two copies: the one on the list, and one that isn't (a different port).
  const listed = await startParentPage();
  const unlisted = await startParentPage();
  try {
    await erin.getByText("Embed these charts").click();
    const form = erin.getByRole("form", { name: "New embed link" });
    await form.getByLabel("Pages allowed to show it (origins)").fill(listed.origin);
    await form.getByLabel("Range").selectOption("1h");
    await form.getByRole("button", { name: "Create embed link" }).click();
    const url = (await erin.getByTestId("embed-url").textContent())!.trim();
    expect(url).toMatch(/\/embed\/gpe_[A-Za-z0-9_-]{43}$/);
    const snippet = (await erin.getByTestId("embed-snippet").textContent())!;
    expect(snippet).toContain(`<iframe src="${url}"`);

    // Serve the snippet exactly as copied, from both origins.
    listed.serve(snippet);
    unlisted.serve(snippet);

    await expect(async () => {
      await page.goto(listed.url);
      const frame = page.frameLocator("iframe");
      await expect(frame.getByRole("heading", { name: "Embedded checkout in Production" })).toBeVisible({
        timeout: 3_000,
      });
      // Built-in data is flushed every few seconds: until then the lines are empty.
      await expect(frame.locator('path.gp-treatment:not([d=""])').first()).toBeAttached({ timeout: 3_000 });
      await expect(frame.locator('path.gp-control:not([d=""])').first()).toBeAttached({ timeout: 3_000 });
    }).toPass({ timeout: 45_000 });
    // No navigation or controls in the frame; it sized itself to its content.
    const frame = page.frameLocator("iframe");
    await expect(frame.getByRole("navigation")).toHaveCount(0);
    await expect(frame.getByRole("button")).toHaveCount(0);
    await expect.poll(async () => Number(await page.locator("iframe").getAttribute("height"))).not.toBe(480);

    const refusals: string[] = [];
    page.on("console", (message) => refusals.push(message.text()));
    await page.goto(unlisted.url);
    await expect
      .poll(() => refusals.some((text) => /frame-ancestors/.test(text) && text.includes(listed.origin)))
      .toBe(true);
    await expect(page.frameLocator("iframe").getByRole("heading", { name: /Embedded checkout/ })).toHaveCount(0);

    // The image of the same chart, for places without frames.
    const image = await request.get(`${url}/chart.svg`);
    expect(image.status()).toBe(200);
    expect(image.headers()["content-type"]).toContain("image/svg+xml");
    // No browser or shared cache may keep it: a revoked link must stop showing at once.
    expect(image.headers()["cache-control"]).toBe("no-store");
    expect((await request.get(`${url}/chart.png`)).headers()["cache-control"]).toBe("no-store");
    expect(await image.text()).toContain("Embedded checkout in Production");

    // Revoked: 404 with a plain notice and none of the data, in the frame too.
    const admin = await pageAs("Ada Admin");
    await admin.goto("/teams/acme/embeds");
    const row = admin
      .getByRole("list", { name: "Embed links" })
      .getByRole("listitem")
      .filter({ hasText: "Embedded checkout" });
    await row.getByRole("button", { name: "Revoke" }).click();
    await admin.getByRole("dialog").getByRole("button", { name: "Revoke" }).click();
    // The closed confirmation sits in the row and its text may say "revoked": wait for the
    // Revoke button to go, which happens only once the server has revoked it.
    await expect(row.getByRole("button", { name: "Revoke" })).toHaveCount(0);
    await expect(row).toContainText("revoked");
    const gone = await request.get(url);
    expect(gone.status()).toBe(404);
    const body = await gone.text();
    expect(body).toContain("revoked");
    expect(body).not.toContain("Embedded checkout");
    expect((await request.get(`${url}/chart.svg`)).status()).toBe(404);
    await page.goto(listed.url);
    await expect(page.frameLocator("iframe").getByText("This chart link was revoked")).toBeVisible();
  } finally {
    await listed.close();
    await unlisted.close();
  }
});
