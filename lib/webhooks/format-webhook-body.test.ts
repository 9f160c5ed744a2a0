import { describe, expect, it } from "vitest";
import { dashboardOrigin } from "./dashboard-url";
import { formatWebhookBody, slackBody } from "./format-webhook-body";
import type { WebhookEvent, WebhookTestEvent } from "./webhook-event";

const event: WebhookEvent = {
  type: "rollout.rolled_back",
  teamId: "t1",
  team: { slug: "acme", name: "Acme Shop" },
  release: { key: "new-checkout", name: "New <checkout> | flow" },
  environment: { key: "production", name: "Production" },
  actor: { type: "user", name: "Sam Sre" },
  summary: "Sam Sre rolled back New checkout flow in Production: errors > 5%",
  path: "/teams/acme/releases/new-checkout?env=production",
  occurredAt: "2026-11-28T15:00:00.000Z",
};

describe("formatWebhookBody", () => {
  it("generic: the event with a version, an absolute url when the origin is known, no internal ids", () => {
    const body = JSON.parse(formatWebhookBody("generic", event, "https://gp.example.com"));
    expect(body).toMatchObject({
      version: 1,
      type: "rollout.rolled_back",
      url: "https://gp.example.com/teams/acme/releases/new-checkout?env=production",
    });
    expect(Object.keys(body)[0]).toBe("version");
    expect(body).not.toHaveProperty("teamId");
    expect(JSON.parse(formatWebhookBody("generic", event, null)).url).toBe(event.path);
  });

  it("slack: escapes mrkdwn, links the release, adds a button and a date", () => {
    const body = slackBody(event, "https://gp.example.com");
    expect(body.text).toBe(
      "Sam Sre rolled back New checkout flow in Production: errors &gt; 5% — <https://gp.example.com/teams/acme/releases/new-checkout?env=production|open in Glidepath>",
    );
    expect(body.blocks.map((b) => b.type)).toEqual(["header", "section", "section", "actions", "context"]);
    expect(body.blocks[0]).toMatchObject({ text: { text: ":rewind: Rolled back: New <checkout> | flow" } });
    const fields = JSON.stringify(body.blocks[2]);
    expect(fields).toContain(
      "<https://gp.example.com/teams/acme/releases/new-checkout?env=production|New &lt;checkout&gt; ¦ flow>",
    );
    expect(JSON.stringify(body.blocks[4])).toContain(
      "<!date^1795878000^{date_short_pretty} at {time}|2026-11-28T15:00:00.000Z>",
    );
  });

  it("slack without a known origin: no links or button, the path in the context line", () => {
    const body = slackBody(event, null);
    expect(body.text).not.toContain("<http");
    expect(body.blocks.map((b) => b.type)).toEqual(["header", "section", "section", "context"]);
    expect(JSON.stringify(body.blocks.at(-1))).toContain("`/teams/acme/releases/new-checkout?env=production`");
  });

  it("slack test event: names the webhook instead of a release", () => {
    const test: WebhookTestEvent = {
      type: "webhook.test",
      teamId: "t1",
      team: event.team,
      webhook: { id: "w1", name: "#releases" },
      actor: event.actor,
      summary: "hello",
      path: "/teams/acme/webhooks/w1",
      occurredAt: event.occurredAt,
    };
    const body = slackBody(test, null);
    expect(body.blocks[0]).toMatchObject({ text: { text: ":wave: Test event: #releases" } });
    expect(JSON.stringify(body.blocks[2])).toContain("*Webhook*\\n#releases");
  });

  it("the origin comes from GLIDEPATH_PUBLIC_URL, then NEXTAUTH_URL, without a trailing slash", () => {
    expect(dashboardOrigin({ GLIDEPATH_PUBLIC_URL: "https://a.example/", NEXTAUTH_URL: "http://b" })).toBe(
      "https://a.example",
    );
    expect(dashboardOrigin({ NEXTAUTH_URL: "http://localhost:3000" })).toBe("http://localhost:3000");
    expect(dashboardOrigin({ NEXTAUTH_URL: "https://example.com/glidepath/" })).toBe("https://example.com/glidepath");
    expect(dashboardOrigin({ NEXTAUTH_URL: "not a url" })).toBeNull();
    expect(dashboardOrigin({})).toBeNull();
  });
});
