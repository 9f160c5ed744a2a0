import { expect, test } from "../support/fixtures";

// The ports playwright.config.ts gives the identity provider and this project's dashboard.
const PORT_BASE = Number(process.env.E2E_PORT_BASE ?? 3100);
const IDP_ORIGIN = `127.0.0.1:${PORT_BASE + 90}`;
const APP_ORIGIN = `localhost:${PORT_BASE + 3}`;

// The full OpenID Connect redirect flow against a real identity provider (oidc-provider),
// on a dashboard where AUTH_OIDC_* is set: the development sign-in is off.
test("with an OIDC provider configured, it is the way in and the development sign-in is refused", async ({ page }) => {
  await page.goto("/teams/acme/releases");
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByRole("button", { name: /Sign in as/ })).toHaveCount(0);

  await page.getByRole("button", { name: "Continue with Acme SSO" }).click();
  await expect(page).toHaveURL((url) => url.host === IDP_ORIGIN && url.pathname.startsWith("/interaction/"));
  await page.locator('input[name="login"]').fill("ada");
  await page.locator('input[name="password"]').fill("any");
  await page.getByRole("button", { name: /sign-?in/i }).click();
  await page.getByRole("button", { name: /continue/i }).click();

  // Linked by email to the seeded Ada Admin, back on the page she asked for.
  await expect(page).toHaveURL((url) => url.host === APP_ORIGIN && url.pathname.startsWith("/teams/acme/releases"));
  await expect(page.getByText("Ada Admin · admin")).toBeVisible();
});

test("the development sign-in endpoint refuses credentials when OIDC is configured", async ({ request }) => {
  const csrf = await (await request.get("/api/auth/csrf")).json();
  const users = await request.get("/api/auth/providers");
  expect(Object.keys(await users.json())).toContain("oidc");
  const response = await request.post("/api/auth/callback/dev", {
    form: { csrfToken: csrf.csrfToken, userId: "anything", json: "true" },
    maxRedirects: 0,
  });
  const answer = response.headers()["location"] ?? ((await response.json()) as { url?: string }).url ?? "";
  expect(answer).toContain("error=CredentialsSignin");
  const session = await (await request.get("/api/auth/session")).json();
  expect(session.user).toBeUndefined();
});
