import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { nextRetryDelayMs } from "./webhook-backoff";
import { signWebhookBody, verifyWebhookSignature } from "./webhook-signature";
import { isLoopbackHost, maskWebhookUrl, webhookUrlProblem } from "./webhook-url";

describe("webhook URLs", () => {
  it.each([
    ["https://hooks.slack.com/services/T/B/x", null],
    ["http://localhost:8080/x", null],
    ["http://127.0.0.5/x", null],
    ["http://[::1]:9/x", null],
    ["http://dev.localhost/x", null],
    ["http://example.com/x", "only allowed to localhost"],
    ["http://127.example.com/x", "only allowed to localhost"],
    ["ws://example.com/x", "https://"],
    ["https://u:p@example.com/x", "credentials"],
    ["https://example.com/x#y", "fragment"],
    ["example.com", "full URL"],
  ])("%s", (url, problem) => {
    const found = webhookUrlProblem(url, {});
    if (problem === null) expect(found).toBeNull();
    else expect(found).toContain(problem);
  });

  it("GLIDEPATH_WEBHOOKS_ALLOW_HTTP=1 allows plain http anywhere", () => {
    expect(webhookUrlProblem("http://receiver.internal/x", { GLIDEPATH_WEBHOOKS_ALLOW_HTTP: "1" })).toBeNull();
  });

  it("masks everything after the origin", () => {
    expect(maskWebhookUrl("https://hooks.slack.com/services/T/B/secret")).toBe("https://hooks.slack.com/…");
    expect(maskWebhookUrl("https://example.com/?token=x")).toBe("https://example.com/…");
    expect(maskWebhookUrl("https://example.com")).toBe("https://example.com");
    expect(isLoopbackHost("LOCALHOST")).toBe(true);
  });
});

describe("signatures and backoff", () => {
  it("signs `${timestamp}.${body}` and refuses old timestamps", () => {
    const signature = signWebhookBody("whsec_k", 1_700_000_000, '{"a":1}');
    expect(signature).toBe(`sha256=${createHmac("sha256", "whsec_k").update(`1700000000.{"a":1}`).digest("hex")}`);
    const input = { signature, timestamp: "1700000000", body: '{"a":1}' };
    expect(verifyWebhookSignature("whsec_k", input, { nowSeconds: 1_700_000_100 })).toBe(true);
    expect(verifyWebhookSignature("whsec_k", input, { nowSeconds: 1_700_000_301 })).toBe(false);
    expect(
      verifyWebhookSignature("whsec_k", { ...input, timestamp: "1700000001" }, { nowSeconds: 1_700_000_000 }),
    ).toBe(false);
    expect(verifyWebhookSignature("whsec_k", { ...input, signature: null }, { nowSeconds: 1_700_000_000 })).toBe(false);
  });

  it("waits 10 s, 30 s, 2 min, 10 min, 1 h (plus up to 20%), then gives up", () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => nextRetryDelayMs(n, () => 0))).toEqual([
      10_000,
      30_000,
      120_000,
      600_000,
      3_600_000,
      null,
    ]);
    expect(nextRetryDelayMs(1, () => 0.999_999)).toBe(12_000);
    expect(nextRetryDelayMs(7)).toBeNull();
  });
});
