import { expect, test } from "../support/fixtures";
import { E2E_SDK_KEY } from "@/scripts/e2e/e2e-constants";
import { ReleasePage } from "../support/release-page";

test("an admin creates an SDK key, the app evaluates over OFREP, a saved change shows within a second, revoke refuses it", async ({
  pageAs,
  request,
  uniqueKey,
}) => {
  const admin = await pageAs("Ada Admin");
  await admin.goto("/teams/acme/api-keys");
  const name = uniqueKey("e2e-key");
  await admin.getByLabel("Name", { exact: true }).fill(name);
  await admin.getByLabel("Environment").selectOption("production");
  await admin.getByRole("button", { name: "Create SDK key" }).click();
  const key = (await admin.getByTestId("new-api-key").textContent())!.trim();
  expect(key).toMatch(/^gp_sdk_[0-9A-Za-z]{32}$/);

  const evaluateFreeTier = async () => {
    const response = await request.post("/ofrep/v1/evaluate/flags/search-v2", {
      headers: { authorization: `Bearer ${key}` },
      data: { context: { targetingKey: "free-user-7", plan: "free", platform: "web" } },
    });
    return { status: response.status(), body: response.status() === 200 ? await response.json() : null };
  };
  await expect.poll(async () => (await evaluateFreeTier()).status, { timeout: 2_000 }).toBe(200);
  const before = (await evaluateFreeTier()).body;
  expect(before).toMatchObject({ key: "search-v2", metadata: { cohort: "free-tier", environment: "production" } });

  // Flip the free tier to the other side of this user's bucket in the dashboard.
  const release = new ReleasePage(admin);
  await release.goto("acme", "search-v2", "production");
  // free-user-7's bucket for search-v2 is 4431: 45% flips it and stays within production's
  // approval threshold (50%), so the change applies at once.
  await release.typePercent("Free tier", before.value ? "0" : "45");
  await release.save();
  await expect(admin.getByRole("status")).toContainText("Saved");
  const savedAt = Date.now();
  await expect
    .poll(async () => (await evaluateFreeTier()).body?.value, { timeout: 1_000, intervals: [100] })
    .toBe(!before.value);
  expect(Date.now() - savedAt).toBeLessThan(1_000);

  // The "who gets it?" box answers the same as the API.
  await admin.getByLabel("Targeting key").fill("free-user-7");
  await admin.getByLabel(/Attributes/).fill("plan=free\nplatform=web");
  await admin.getByRole("button", { name: "Evaluate in Production" }).click();
  const explained = admin.getByTestId("evaluation-result");
  await expect(explained).toContainText(before.value ? "control" : "treatment");
  await expect(explained).toContainText("Free tier");

  await admin.goto("/teams/acme/api-keys");
  const row = admin.getByRole("list", { name: "API keys" }).getByRole("listitem").filter({ hasText: name });
  await row.getByRole("button", { name: "Revoke" }).click();
  await admin.getByRole("dialog").getByRole("button", { name: "Revoke" }).click();
  // The closed confirmation sits in the row and its text may say "revoked": wait for the
  // Revoke button to go, which happens only once the server has revoked it.
  await expect(row.getByRole("button", { name: "Revoke" })).toHaveCount(0);
  await expect(row).toContainText("revoked");
  await expect.poll(async () => (await evaluateFreeTier()).status, { timeout: 1_000, intervals: [100] }).toBe(403);
});

test("OFREP on the dashboard server: bulk with ETag and 304, OFREP errors, wrong keys", async ({ request }) => {
  const auth = { authorization: `Bearer ${E2E_SDK_KEY}` };
  const context = { context: { targetingKey: "user-9", country: "DE", email: "kim@acme.test" } };
  const bulk = await request.post("/ofrep/v1/evaluate/flags", { headers: auth, data: context });
  expect(bulk.status()).toBe(200);
  const etag = bulk.headers()["etag"]!;
  expect(etag).toBeTruthy();
  const { flags } = await bulk.json();
  expect(flags.find((f: { key: string }) => f.key === "dark-mode")).toMatchObject({
    value: true,
    reason: "STATIC",
    variant: "treatment",
  });
  expect(flags.find((f: { key: string }) => f.key === "new-checkout")).toMatchObject({
    value: true,
    reason: "TARGETING_MATCH",
    metadata: { cohort: "internal-staff" },
  });
  expect(flags.find((f: { key: string }) => f.key === "pricing-page-2026")).toMatchObject({
    value: false,
    reason: "DISABLED",
  });

  // Web SDKs are told where to listen for changes (server-sent events) instead of polling.
  const { eventStreams } = await (
    await request.post("/ofrep/v1/evaluate/flags", { headers: auth, data: { context: { targetingKey: "sse" } } })
  ).json();
  expect(eventStreams).toEqual([expect.objectContaining({ type: "sse", inactivityDelaySec: 120 })]);
  const controller = new AbortController();
  const stream = await fetch(eventStreams[0].url, { signal: controller.signal });
  expect(stream.status).toBe(200);
  expect(stream.headers.get("content-type")).toBe("text/event-stream");
  const first = await stream.body!.getReader().read();
  expect(new TextDecoder().decode(first.value)).toContain("connected to production");
  controller.abort();

  const notModified = await request.post("/ofrep/v1/evaluate/flags", {
    headers: { ...auth, "if-none-match": etag },
    data: context,
  });
  expect(notModified.status()).toBe(304);
  const otherContext = await request.post("/ofrep/v1/evaluate/flags", {
    headers: { ...auth, "if-none-match": etag },
    data: { context: { targetingKey: "user-10" } },
  });
  expect(otherContext.status()).toBe(200);

  const malformed = await request.post("/ofrep/v1/evaluate/flags/new-checkout", {
    headers: { ...auth, "content-type": "application/json" },
    data: "{oops",
  });
  expect(malformed.status()).toBe(400);
  expect(await malformed.json()).toMatchObject({ key: "new-checkout", errorCode: "PARSE_ERROR" });
  const unknown = await request.post("/ofrep/v1/evaluate/flags/nope", { headers: auth, data: context });
  expect(unknown.status()).toBe(404);
  expect(await unknown.json()).toMatchObject({ key: "nope", errorCode: "FLAG_NOT_FOUND" });
  const huge = await request.post("/ofrep/v1/evaluate/flags/new-checkout", {
    headers: auth,
    data: { context: { targetingKey: "u", blob: "x".repeat(100_000) } },
  });
  expect(huge.status()).toBe(413);

  expect((await request.post("/ofrep/v1/evaluate/flags", { data: context })).status()).toBe(401);
  expect(
    (
      await request.post("/ofrep/v1/evaluate/flags", { headers: { "x-api-key": "gp_sdk_unknown" }, data: context })
    ).status(),
  ).toBe(403);
  expect(
    (
      await request.post("/ofrep/v1/evaluate/flags", { headers: { "x-api-key": "gp_admin_nope" }, data: context })
    ).status(),
  ).toBe(403);
});
