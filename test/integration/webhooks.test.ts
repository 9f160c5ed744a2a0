import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDb, getDb, type Db } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";
import { dispatchDueWebhooks } from "@/lib/webhooks/dispatch-due-webhooks";
import { enqueueWebhookEvent } from "@/lib/webhooks/enqueue-webhook-event";
import { retryWebhookDelivery } from "@/lib/webhooks/retry-webhook-delivery";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-webhook-secret";
import { sendTestWebhook } from "@/lib/webhooks/send-test-webhook";
import { setWebhookEnabled } from "@/lib/webhooks/set-webhook-enabled";
import { MAX_ATTEMPTS, RETRY_DELAYS_MS } from "@/lib/webhooks/webhook-backoff";
import { kickWebhookDispatcher } from "@/lib/webhooks/webhook-dispatcher";
import { verifyWebhookSignature } from "@/lib/webhooks/webhook-signature";
import { WEBHOOK_TIMEOUT_MS } from "@/lib/webhooks/post-webhook";
import { createTeamFixture, type TeamFixture } from "../support/fixtures";
import { describeEachProvider } from "../support/test-database";
import {
  addWebhook,
  closedPortUrl,
  deliveriesOf,
  enqueue,
  eventFor,
  manualClock,
  startReceiver,
  type Receiver,
} from "./webhooks-support";

const PUBLIC_URL = "https://glidepath.example.test";

describeEachProvider("webhook delivery", (database) => {
  let fx: TeamFixture;
  let receiver: Receiver;
  const savedPublicUrl = process.env.GLIDEPATH_PUBLIC_URL;

  beforeAll(() => {
    process.env.GLIDEPATH_PUBLIC_URL = PUBLIC_URL;
  });
  afterAll(() => {
    if (savedPublicUrl === undefined) delete process.env.GLIDEPATH_PUBLIC_URL;
    else process.env.GLIDEPATH_PUBLIC_URL = savedPublicUrl;
  });
  beforeEach(async () => {
    fx = await createTeamFixture();
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await receiver.close();
    // The dispatcher sends every team's due rows: leave none behind for the next test.
    await getDb().webhookDelivery.deleteMany({});
  });

  it("POSTs the generic body, signed, with the documented headers; the row is delivered", async () => {
    const { id, secret } = await addWebhook(fx, receiver.url);
    expect(await enqueue(eventFor(fx))).toBe(1);
    const clock = manualClock();

    const summary = await dispatchDueWebhooks({ now: clock.now });

    expect(summary).toMatchObject({ claimed: 1, delivered: 1, retrying: 0, failed: 0, errors: 0 });
    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    const [row] = await deliveriesOf(id);
    expect(request?.method).toBe("POST");
    expect(request?.path).toBe("/hooks/glidepath");
    expect(request?.headers).toMatchObject({
      "content-type": "application/json",
      "user-agent": "Glidepath-Webhooks",
      "x-glidepath-event": "rollout.promoted",
      "x-glidepath-delivery": row?.id,
      "x-glidepath-timestamp": String(Math.floor(clock.now().getTime() / 1000)),
    });
    expect(request?.headers["x-glidepath-signature"]).toMatch(/^sha256=[0-9a-f]{64}$/);
    const signed = {
      signature: request?.headers["x-glidepath-signature"] as string,
      timestamp: request?.headers["x-glidepath-timestamp"] as string,
      body: request?.body ?? "",
    };
    expect(verifyWebhookSignature(secret, signed, { nowSeconds: Math.floor(clock.now().getTime() / 1000) })).toBe(true);
    expect(
      verifyWebhookSignature("whsec_wrong", signed, { nowSeconds: Math.floor(clock.now().getTime() / 1000) }),
    ).toBe(false);
    expect(
      verifyWebhookSignature(
        secret,
        { ...signed, body: `${signed.body} ` },
        { nowSeconds: Math.floor(clock.now().getTime() / 1000) },
      ),
    ).toBe(false);

    const body = JSON.parse(request?.body ?? "{}");
    expect(body).toEqual({
      version: 1,
      type: "rollout.promoted",
      team: { slug: fx.team.slug, name: fx.team.name },
      release: { key: "new-checkout", name: "New checkout flow" },
      environment: { key: "production", name: "Production" },
      actor: { type: "user", name: fx.actors.editor.name },
      summary: expect.stringContaining("promoted New checkout flow"),
      path: `/teams/${fx.team.slug}/releases/new-checkout?env=production`,
      url: `${PUBLIC_URL}/teams/${fx.team.slug}/releases/new-checkout?env=production`,
      occurredAt: "2026-11-28T15:00:00.000Z",
    });
    expect(body).not.toHaveProperty("teamId");
    expect(row).toMatchObject({
      status: "delivered",
      attempts: 1,
      lastStatusCode: 200,
      lastError: null,
      lockedUntil: null,
    });
    expect(row?.deliveredAt?.getTime()).toBe(clock.now().getTime());

    // Delivered rows are never sent again.
    expect(await dispatchDueWebhooks({ now: clock.now })).toMatchObject({ claimed: 0 });
    expect(receiver.requests).toHaveLength(1);
  });

  it("Slack format: `text` for notifications and blocks with summary, release link, environment and actor", async () => {
    await addWebhook(fx, receiver.url, { format: "slack" });
    await enqueue(
      eventFor(fx, "change_request.created", {
        summary: "Eddie asked to raise <eu> 5% → 50% & more",
        changeRequest: { id: "cr1", status: "pending", changes: "eu 5% → 50%", comment: "looks good" },
      }),
    );

    await dispatchDueWebhooks({ now: manualClock().now });

    const body = JSON.parse(receiver.requests[0]?.body ?? "{}");
    expect(body.text).toContain("Eddie asked to raise &lt;eu&gt; 5% → 50% &amp; more");
    expect(body.text).toContain(
      `<${PUBLIC_URL}/teams/${fx.team.slug}/releases/new-checkout?env=production|open in Glidepath>`,
    );
    const text = JSON.stringify(body.blocks);
    expect(body.blocks[0]).toMatchObject({
      type: "header",
      text: { type: "plain_text", text: expect.stringContaining("Change requested: New checkout flow") },
    });
    expect(text).toContain("*Release*\\n<https://glidepath.example.test/teams/");
    expect(text).toContain("*Environment*\\nProduction");
    expect(text).toContain(`*By*\\n${fx.actors.editor.name}`);
    expect(text).toContain("*Change request*\\npending");
    expect(body.blocks.find((b: { type: string }) => b.type === "actions").elements[0]).toMatchObject({
      type: "button",
      url: expect.stringMatching(/^https:\/\/glidepath\.example\.test\//),
    });
  });

  it("only subscribed, enabled webhooks get an event; an empty subscription means every event", async () => {
    const all = await addWebhook(fx, receiver.url, { name: "all" });
    const promotions = await addWebhook(fx, receiver.url, { name: "promotions", events: ["rollout.promoted"] });
    const off = await addWebhook(fx, receiver.url, { name: "off" });
    await setWebhookEnabled(fx.actors.admin, { teamSlug: fx.team.slug, webhookId: off.id, enabled: false });

    expect(await enqueue(eventFor(fx, "change_request.created"))).toBe(1);
    expect(await enqueue(eventFor(fx, "rollout.promoted"))).toBe(2);

    expect((await deliveriesOf(all.id)).map((d) => d.event)).toEqual(["change_request.created", "rollout.promoted"]);
    expect((await deliveriesOf(promotions.id)).map((d) => d.event)).toEqual(["rollout.promoted"]);
    expect(await deliveriesOf(off.id)).toEqual([]);
    // Another team's event never reaches this team's webhooks.
    expect(await enqueue({ ...eventFor(fx), teamId: fx.otherTeam.id })).toBe(0);
  });

  it("an event enqueued in a transaction that rolls back is never sent", async () => {
    const { id } = await addWebhook(fx, receiver.url);
    await expect(
      inTransaction(async (tx) => {
        await enqueueWebhookEvent(tx, eventFor(fx));
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");

    expect(await dispatchDueWebhooks({ now: manualClock().now })).toMatchObject({ claimed: 0 });
    expect(receiver.requests).toEqual([]);
    expect(await deliveriesOf(id)).toEqual([]);
  });

  it("a receiver answering 500 is retried with backoff and the row is delivered once it recovers", async () => {
    const { id } = await addWebhook(fx, receiver.url);
    await enqueue(eventFor(fx));
    receiver.reply({ status: 500, body: "database is on fire" });
    const clock = manualClock();
    const t0 = clock.now().getTime();

    expect(await dispatchDueWebhooks({ now: clock.now, random: () => 0.5 })).toMatchObject({ claimed: 1, retrying: 1 });
    let [row] = await deliveriesOf(id);
    expect(row).toMatchObject({
      status: "pending",
      attempts: 1,
      lastStatusCode: 500,
      lastError: "HTTP 500 Internal Server Error",
      lastResponse: "Body: database is on fire",
      lockedUntil: null,
    });
    expect(row?.nextAttemptAt.getTime()).toBe(t0 + RETRY_DELAYS_MS[0] * 1.1);

    // Not due yet: nothing is sent.
    clock.advance(RETRY_DELAYS_MS[0] - 1);
    expect(await dispatchDueWebhooks({ now: clock.now })).toMatchObject({ claimed: 0 });
    expect(receiver.requests).toHaveLength(1);

    clock.set(row!.nextAttemptAt);
    expect(await dispatchDueWebhooks({ now: clock.now, random: () => 0 })).toMatchObject({ retrying: 1 });
    [row] = await deliveriesOf(id);
    expect(row).toMatchObject({ status: "pending", attempts: 2, lastStatusCode: 500 });
    expect(row?.nextAttemptAt.getTime()).toBe(clock.now().getTime() + RETRY_DELAYS_MS[1]);

    receiver.reply({ status: 204 });
    clock.set(row!.nextAttemptAt);
    expect(await dispatchDueWebhooks({ now: clock.now })).toMatchObject({ delivered: 1 });
    [row] = await deliveriesOf(id);
    expect(row).toMatchObject({ status: "delivered", attempts: 3, lastStatusCode: 204, lastError: null });
    expect(receiver.requests).toHaveLength(3);
    // Every attempt carries the same body and delivery id, so receivers can de-duplicate.
    expect(new Set(receiver.requests.map((r) => `${r.headers["x-glidepath-delivery"]}:${r.body}`)).size).toBe(1);
  });

  it("a receiver that is down: the error is recorded, it stays pending through the schedule, then fails", async () => {
    const { id } = await addWebhook(fx, await closedPortUrl());
    await enqueue(eventFor(fx));
    const clock = manualClock();
    const waits: number[] = [];

    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const summary = await dispatchDueWebhooks({ now: clock.now, random: () => 0 });
      const [row] = await deliveriesOf(id);
      expect(row?.attempts).toBe(attempt);
      expect(row?.lastStatusCode).toBeNull();
      expect(row?.lastError).toMatch(/Connection refused \(ECONNREFUSED\)/);
      if (attempt < MAX_ATTEMPTS) {
        expect(summary).toMatchObject({ retrying: 1 });
        expect(row?.status).toBe("pending");
        waits.push(row!.nextAttemptAt.getTime() - clock.now().getTime());
        clock.set(row!.nextAttemptAt);
      } else {
        expect(summary).toMatchObject({ failed: 1 });
        expect(row?.status).toBe("failed");
      }
    }
    expect(waits).toEqual([10_000, 30_000, 120_000, 600_000, 3_600_000]);

    // Given up: an hour later still nothing is attempted.
    clock.advance(3_600_000);
    expect(await dispatchDueWebhooks({ now: clock.now })).toMatchObject({ claimed: 0 });
  });

  it("a slow receiver is timed out and retried", async () => {
    const { id } = await addWebhook(fx, receiver.url);
    await enqueue(eventFor(fx));
    receiver.reply({ status: 200, delayMs: 2_000 });
    const started = Date.now();

    expect(await dispatchDueWebhooks({ now: manualClock().now, timeoutMs: 300 })).toMatchObject({ retrying: 1 });

    expect(Date.now() - started).toBeLessThan(1_500);
    const [row] = await deliveriesOf(id);
    expect(row).toMatchObject({
      status: "pending",
      attempts: 1,
      lastStatusCode: null,
      lastError: "Timed out after 0.3 s",
    });
    expect(WEBHOOK_TIMEOUT_MS).toBe(5_000);
  });

  it("redirects are not followed (a signed body only goes where the admin pointed it)", async () => {
    const { id } = await addWebhook(fx, receiver.url);
    await enqueue(eventFor(fx));
    receiver.reply({ status: 302 });
    await dispatchDueWebhooks({ now: manualClock().now });
    const [row] = await deliveriesOf(id);
    expect(row).toMatchObject({ status: "pending", lastStatusCode: 302 });
    expect(row?.lastError).toMatch(/^HTTP 302 \(redirects are not followed/);
  });

  it("two dispatchers running at once (two app instances) send every row exactly once", async () => {
    await addWebhook(fx, receiver.url);
    for (let i = 0; i < 12; i++) await enqueue(eventFor(fx, "rollout.promoted", { summary: `event ${i}` }));
    receiver.reply({ status: 200, delayMs: 20 });
    const second: Db = createDb(database.url);
    try {
      const clock = manualClock();
      const [a, b, c] = await Promise.all([
        dispatchDueWebhooks({ now: clock.now, concurrency: 3 }),
        dispatchDueWebhooks({ db: second, now: clock.now, concurrency: 3 }),
        dispatchDueWebhooks({ db: second, now: clock.now, concurrency: 2 }),
      ]);
      expect(a.claimed + b.claimed + c.claimed).toBe(12);
      expect(a.delivered + b.delivered + c.delivered).toBe(12);
    } finally {
      await second.$disconnect();
    }
    const ids = receiver.requests.map((r) => r.headers["x-glidepath-delivery"]);
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
  });

  it("a claim that outlived its process is taken over; a live claim is left alone", async () => {
    const { id } = await addWebhook(fx, receiver.url);
    await enqueue(eventFor(fx));
    const clock = manualClock();
    await getDb().webhookDelivery.updateMany({
      where: { webhookId: id },
      data: { lockedUntil: new Date(clock.now().getTime() + 30_000) },
    });

    expect(await dispatchDueWebhooks({ now: clock.now })).toMatchObject({ claimed: 0 });
    clock.advance(30_001);
    expect(await dispatchDueWebhooks({ now: clock.now })).toMatchObject({ claimed: 1, delivered: 1 });
    expect(receiver.requests).toHaveLength(1);
  });

  it("a webhook disabled behind the queue's back is not sent to", async () => {
    const { id } = await addWebhook(fx, receiver.url);
    await enqueue(eventFor(fx));
    await getDb().webhook.update({ where: { id }, data: { disabledAt: new Date() } });

    expect(await dispatchDueWebhooks({ now: manualClock().now })).toMatchObject({ claimed: 1, failed: 1 });
    expect(receiver.requests).toEqual([]);
    expect((await deliveriesOf(id))[0]).toMatchObject({
      status: "failed",
      lastError: "Not sent: the webhook was disabled",
    });
  });

  it("never throws into its caller, even when the database does", async () => {
    const broken = {
      webhookDelivery: {
        findMany: () => Promise.reject(new Error("database is down")),
      },
    } as unknown as Db;
    const errors: string[] = [];
    await expect(dispatchDueWebhooks({ db: broken, onError: (m) => errors.push(m) })).resolves.toMatchObject({
      claimed: 0,
      errors: 1,
    });
    expect(errors).toEqual(["[webhooks] dispatch: database is down"]);
    // Without a running dispatcher (tests, scripts) a kick is a harmless no-op.
    expect(() => kickWebhookDispatcher()).not.toThrow();
  });

  it("send test: one signed webhook.test delivery to that webhook only, whatever it subscribes to", async () => {
    const hook = await addWebhook(fx, receiver.url, {
      format: "slack",
      events: ["rollout.rolled_back"],
      name: "#releases",
    });
    const other = await addWebhook(fx, receiver.url, { name: "other" });

    const { id } = await sendTestWebhook(fx.actors.admin, { teamSlug: fx.team.slug, webhookId: hook.id });
    await dispatchDueWebhooks({ now: manualClock().now });

    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0]?.headers).toMatchObject({
      "x-glidepath-event": "webhook.test",
      "x-glidepath-delivery": id,
    });
    const body = JSON.parse(receiver.requests[0]?.body ?? "{}");
    expect(body.text).toContain("sent a test event to “#releases”");
    expect(JSON.stringify(body.blocks)).toContain("Test event: #releases");
    expect(await deliveriesOf(other.id)).toEqual([]);
  });

  it("a rotated secret signs every later attempt, retries of older events included", async () => {
    const { id, secret: oldSecret } = await addWebhook(fx, receiver.url);
    await enqueue(eventFor(fx));
    receiver.reply({ status: 503 });
    const clock = manualClock();
    await dispatchDueWebhooks({ now: clock.now });

    const { secret: newSecret } = await rotateWebhookSecret(fx.actors.admin, { teamSlug: fx.team.slug, webhookId: id });
    expect(newSecret).not.toBe(oldSecret);
    receiver.reply({ status: 200 });
    clock.advance(60_000);
    await dispatchDueWebhooks({ now: clock.now });

    const last = receiver.requests.at(-1)!;
    const signed = {
      signature: last.headers["x-glidepath-signature"] as string,
      timestamp: last.headers["x-glidepath-timestamp"] as string,
      body: last.body,
    };
    const nowSeconds = Math.floor(clock.now().getTime() / 1000);
    expect(verifyWebhookSignature(newSecret, signed, { nowSeconds })).toBe(true);
    expect(verifyWebhookSignature(oldSecret, signed, { nowSeconds })).toBe(false);
  });

  it("disabling drops what is queued (failed, with the reason); a failed delivery can be sent once more", async () => {
    const { id } = await addWebhook(fx, receiver.url);
    await enqueue(eventFor(fx));
    await enqueue(eventFor(fx, "rollout.rolled_back"));

    const result = await setWebhookEnabled(fx.actors.admin, { teamSlug: fx.team.slug, webhookId: id, enabled: false });
    expect(result).toMatchObject({ enabled: false, cancelled: 2 });
    const dropped = await deliveriesOf(id);
    expect(dropped.map((d) => [d.status, d.lastError])).toEqual([
      ["failed", "Not sent: the webhook was disabled"],
      ["failed", "Not sent: the webhook was disabled"],
    ]);
    expect(await dispatchDueWebhooks({ now: manualClock().now })).toMatchObject({ claimed: 0 });

    await setWebhookEnabled(fx.actors.admin, { teamSlug: fx.team.slug, webhookId: id, enabled: true });
    await retryWebhookDelivery(fx.actors.admin, { teamSlug: fx.team.slug, deliveryId: dropped[1]!.id });
    expect(await dispatchDueWebhooks({ now: manualClock().now })).toMatchObject({ claimed: 1, delivered: 1 });
    expect(receiver.requests.map((r) => r.headers["x-glidepath-event"])).toEqual(["rollout.rolled_back"]);
  });
});

describe("webhook timing", () => {
  it("the documented schedule: six attempts over about 73 minutes", () => {
    expect(MAX_ATTEMPTS).toBe(6);
    expect(RETRY_DELAYS_MS.reduce((a, b) => a + b, 0)).toBe(4_360_000);
  });
});
