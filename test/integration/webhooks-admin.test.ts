import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
} from "@/lib/errors/domain-errors";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { deleteWebhook } from "@/lib/webhooks/delete-webhook";
import { listWebhookDeliveries } from "@/lib/webhooks/list-webhook-deliveries";
import { listWebhooks } from "@/lib/webhooks/list-webhooks";
import { retryWebhookDelivery } from "@/lib/webhooks/retry-webhook-delivery";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-webhook-secret";
import { sendTestWebhook } from "@/lib/webhooks/send-test-webhook";
import { setWebhookAllowList } from "@/lib/webhooks/set-webhook-allow-list";
import { setWebhookEnabled } from "@/lib/webhooks/set-webhook-enabled";
import { createTeamFixture, type TeamFixture } from "../support/fixtures";
import { rejectionOf } from "../support/team-state";
import { describeEachProvider } from "../support/test-database";
import { enqueue, eventFor } from "./webhooks-support";
import { getTeamAccess } from "@/lib/auth/get-team-access";
import { accessOf } from "../support/team-access";

const SLACK_URL = "https://hooks.slack.com/services/T000/B000/XXXXSECRETXXXX";

/** Everything a webhook use case could touch for a team. */
async function webhookState(teamId: string) {
  const db = getDb();
  const [webhooks, deliveries, auditEvents] = await Promise.all([
    db.webhook.findMany({ where: { teamId }, orderBy: { id: "asc" } }),
    db.webhookDelivery.findMany({ where: { teamId }, orderBy: { id: "asc" } }),
    db.auditEvent.findMany({ where: { teamId }, orderBy: { id: "asc" } }),
  ]);
  return { webhooks, deliveries, auditEvents };
}

async function expectRefused<E extends Error>(
  teamId: string,
  call: () => Promise<unknown>,
  type: abstract new (...args: never[]) => E,
) {
  const before = await webhookState(teamId);
  const error = await rejectionOf(call(), type);
  expect(await webhookState(teamId)).toEqual(before);
  return error;
}

function create(fx: TeamFixture, actor: Actor | null, input: Record<string, unknown> = {}) {
  return createWebhook(actor, {
    teamSlug: fx.team.slug,
    name: "#releases",
    url: SLACK_URL,
    format: "slack",
    events: [],
    ...input,
  });
}

describeEachProvider("webhook administration", () => {
  afterEach(async () => {
    await getDb().webhookDelivery.deleteMany({});
  });

  describe("refusals", () => {
    let fx: TeamFixture;
    let webhookId: string;
    let deliveryId: string;

    beforeAll(async () => {
      fx = await createTeamFixture();
      webhookId = (await create(fx, fx.actors.admin)).id;
      await enqueue(eventFor(fx));
      const row = await getDb().webhookDelivery.findFirstOrThrow({ where: { webhookId } });
      await getDb().webhookDelivery.update({ where: { id: row.id }, data: { status: "failed" } });
      deliveryId = row.id;
    });

    const mutations: [string, (actor: Actor | null) => Promise<unknown>][] = [
      ["create a webhook", (a) => create(fx, a)],
      ["delete a webhook", (a) => deleteWebhook(a, { teamSlug: fx.team.slug, webhookId })],
      ["disable a webhook", (a) => setWebhookEnabled(a, { teamSlug: fx.team.slug, webhookId, enabled: false })],
      ["rotate a secret", (a) => rotateWebhookSecret(a, { teamSlug: fx.team.slug, webhookId })],
      ["send a test event", (a) => sendTestWebhook(a, { teamSlug: fx.team.slug, webhookId })],
      ["retry a delivery", (a) => retryWebhookDelivery(a, { teamSlug: fx.team.slug, deliveryId })],
    ];

    for (const role of ["viewer", "editor", "approver"] as const) {
      it.each(mutations)(`a ${role} can't %s (ForbiddenError, nothing changed)`, async (_name, call) => {
        const error = await expectRefused(fx.team.id, () => call(fx.actors[role]), ForbiddenError);
        expect(error.message).toContain(`You are a ${role}`);
      });
    }

    it.each(mutations)("a member of another team can't %s and learns nothing (NotFoundError)", async (_name, call) => {
      const error = await expectRefused(fx.team.id, () => call(fx.actors.outsider), NotFoundError);
      expect(error.message).not.toContain(fx.team.name);
    });

    it.each(mutations)("signed out, nobody can %s", async (_name, call) => {
      await expectRefused(fx.team.id, () => call(null), UnauthenticatedError);
    });

    it("an admin of another team can't reach this team's webhook through their own team", async () => {
      const otherSlug = fx.otherTeam.slug;
      await expectRefused(
        fx.team.id,
        () => deleteWebhook(fx.actors.outsider, { teamSlug: otherSlug, webhookId }),
        NotFoundError,
      );
      await expectRefused(
        fx.team.id,
        () => rotateWebhookSecret(fx.actors.outsider, { teamSlug: otherSlug, webhookId }),
        NotFoundError,
      );
      await expectRefused(
        fx.team.id,
        () => retryWebhookDelivery(fx.actors.outsider, { teamSlug: otherSlug, deliveryId }),
        NotFoundError,
      );
      await rejectionOf(
        listWebhookDeliveries(await getTeamAccess(fx.actors.outsider, otherSlug), { webhookId }),
        NotFoundError,
      );
      await rejectionOf(getTeamAccess(fx.actors.outsider, fx.team.slug).then(listWebhooks), NotFoundError);
    });
  });

  describe("validation names the field", () => {
    let fx: TeamFixture;
    beforeAll(async () => {
      fx = await createTeamFixture();
    });

    it.each([
      ["url", { url: "" }, "URL is required"],
      ["url", { url: "hooks.slack.com/services/x" }, "Enter a full URL"],
      ["url", { url: "ftp://example.com/hook" }, "must start with https://"],
      ["url", { url: "http://example.com/hook" }, "only allowed to localhost"],
      ["url", { url: "https://user:pw@example.com/hook" }, "credentials"],
      ["name", { name: "  " }, "Name is required"],
      ["name", { name: "x".repeat(81) }, "at most 80"],
      ["format", { format: "teams" }, "Choose Slack or generic JSON"],
      ["events.0", { events: ["release.created"] }, "Unknown event"],
    ])("%s: %j", async (field, input, message) => {
      const error = await expectRefused(fx.team.id, () => create(fx, fx.actors.admin, input), ValidationError);
      expect(Object.keys(error.fieldErrors)).toEqual([field]);
      expect(error.fieldErrors[field]?.join(" ")).toContain(message);
    });

    it("plain http is fine to this machine (once an admin allows it as a destination), and anywhere with GLIDEPATH_WEBHOOKS_ALLOW_HTTP=1", async () => {
      await setWebhookAllowList(fx.actors.admin, { teamSlug: fx.team.slug, entries: "localhost:8080\n127.0.0.1\n::1" });
      await expect(create(fx, fx.actors.admin, { url: "http://localhost:8080/hook" })).resolves.toBeDefined();
      await expect(create(fx, fx.actors.admin, { url: "http://127.0.0.1:9/hook" })).resolves.toBeDefined();
      await expect(create(fx, fx.actors.admin, { url: "http://[::1]:9/hook" })).resolves.toBeDefined();
      process.env.GLIDEPATH_WEBHOOKS_ALLOW_HTTP = "1";
      try {
        await expect(create(fx, fx.actors.admin, { url: "http://receiver.internal/hook" })).resolves.toBeDefined();
      } finally {
        delete process.env.GLIDEPATH_WEBHOOKS_ALLOW_HTTP;
      }
    });
  });

  describe("an admin's changes", () => {
    let fx: TeamFixture;
    beforeEach(async () => {
      fx = await createTeamFixture();
    });

    it("create: the secret is returned once, stored for signing, and the audit trail never holds it or the URL's path", async () => {
      const created = await create(fx, fx.actors.admin, {
        events: ["rollout.rolled_back", "change_request.created", "rollout.rolled_back"],
      });
      expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
      const row = await getDb().webhook.findUniqueOrThrow({ where: { id: created.id } });
      expect(row).toMatchObject({
        name: "#releases",
        url: SLACK_URL,
        format: "slack",
        secret: created.secret,
        createdByName: fx.actors.admin.name,
        disabledAt: null,
      });
      // Stored in the canonical order, duplicates folded.
      expect(JSON.parse(row.events)).toEqual(["change_request.created", "rollout.rolled_back"]);

      const audit = await getDb().auditEvent.findFirstOrThrow({
        where: { teamId: fx.team.id, action: "webhook.created" },
      });
      expect(audit.actorName).toBe(fx.actors.admin.name);
      expect(JSON.parse(audit.after ?? "{}")).toEqual({
        name: "#releases",
        url: "https://hooks.slack.com/…",
        format: "slack",
        events: ["change_request.created", "rollout.rolled_back"],
        enabled: true,
      });
      expect(JSON.stringify(audit)).not.toContain(created.secret);
      expect(JSON.stringify(audit)).not.toContain("XXXXSECRETXXXX");
    });

    it("list: admins see the URL and a secret hint, other members neither", async () => {
      const created = await create(fx, fx.actors.admin);
      await enqueue(eventFor(fx));

      const asAdmin = await listWebhooks(await accessOf(fx, "admin"));
      expect(asAdmin.isAdmin).toBe(true);
      expect(asAdmin.webhooks).toEqual([
        expect.objectContaining({
          id: created.id,
          url: SLACK_URL,
          secretHint: `${created.secret.slice(0, 10)}…`,
          format: "slack",
          events: [],
          enabled: true,
          pendingCount: 1,
          failedCount: 0,
        }),
      ]);
      expect(asAdmin.webhooks[0]?.lastDelivery).toMatchObject({
        event: "rollout.promoted",
        status: "pending",
        attempts: 0,
      });

      for (const role of ["viewer", "editor", "approver"] as const) {
        const list = await listWebhooks(await accessOf(fx, role));
        expect(list.isAdmin).toBe(false);
        expect(list.webhooks[0]).toMatchObject({ url: "https://hooks.slack.com/…", secretHint: null });
        expect(JSON.stringify(list)).not.toContain(created.secret.slice(6));
        expect(JSON.stringify(list)).not.toContain("XXXXSECRETXXXX");
      }
    });

    it("delivery log: newest first, at most 50, bodies for admins only", async () => {
      const { id } = await create(fx, fx.actors.admin);
      for (let i = 0; i < 53; i++) await enqueue(eventFor(fx, "rollout.promoted", { summary: `event ${i}` }));

      const asAdmin = await listWebhookDeliveries(await accessOf(fx, "admin"), { webhookId: id });
      expect(asAdmin.deliveries).toHaveLength(50);
      expect(JSON.parse(asAdmin.deliveries[0]?.body ?? "{}").text).toContain("event 52");
      expect(asAdmin.deliveries[0]).toMatchObject({
        event: "rollout.promoted",
        status: "pending",
        attempts: 0,
        lastStatusCode: null,
      });

      const asViewer = await listWebhookDeliveries(await accessOf(fx), { webhookId: id });
      expect(asViewer.deliveries.every((d) => d.body === null)).toBe(true);
      expect(asViewer.webhook.url).toBe("https://hooks.slack.com/…");
    });

    it("disable, enable and delete are audited in the same transaction; delete takes the log with it", async () => {
      const { id } = await create(fx, fx.actors.admin);
      await enqueue(eventFor(fx));

      await setWebhookEnabled(fx.actors.admin, { teamSlug: fx.team.slug, webhookId: id, enabled: false });
      // Asking again for the state it is in changes nothing and writes no audit event.
      await setWebhookEnabled(fx.actors.admin, { teamSlug: fx.team.slug, webhookId: id, enabled: false });
      await setWebhookEnabled(fx.actors.admin, { teamSlug: fx.team.slug, webhookId: id, enabled: true });
      await rotateWebhookSecret(fx.actors.admin, { teamSlug: fx.team.slug, webhookId: id });
      await deleteWebhook(fx.actors.admin, { teamSlug: fx.team.slug, webhookId: id });

      const audit = await getDb().auditEvent.findMany({
        where: { teamId: fx.team.id, action: { startsWith: "webhook." } },
        orderBy: { createdAt: "asc" },
      });
      expect(audit.map((a) => a.action)).toEqual([
        "webhook.created",
        "webhook.disabled",
        "webhook.enabled",
        "webhook.secret_rotated",
        "webhook.deleted",
      ]);
      expect(audit[1]?.summary).toBe('Disabled webhook "#releases" (1 queued delivery dropped)');
      expect(await getDb().webhook.count({ where: { id } })).toBe(0);
      expect(await getDb().webhookDelivery.count({ where: { webhookId: id } })).toBe(0);
    });

    it("a test can't be sent to a disabled webhook; only failed deliveries can be retried", async () => {
      const { id } = await create(fx, fx.actors.admin);
      const { id: deliveryId } = await sendTestWebhook(fx.actors.admin, { teamSlug: fx.team.slug, webhookId: id });
      expect(await getDb().auditEvent.count({ where: { teamId: fx.team.id, action: "webhook.tested" } })).toBe(1);

      await expectRefused(
        fx.team.id,
        () => retryWebhookDelivery(fx.actors.admin, { teamSlug: fx.team.slug, deliveryId }),
        ConflictError,
      );
      await setWebhookEnabled(fx.actors.admin, { teamSlug: fx.team.slug, webhookId: id, enabled: false });
      await expectRefused(
        fx.team.id,
        () => sendTestWebhook(fx.actors.admin, { teamSlug: fx.team.slug, webhookId: id }),
        ConflictError,
      );
      await expectRefused(
        fx.team.id,
        () => retryWebhookDelivery(fx.actors.admin, { teamSlug: fx.team.slug, deliveryId }),
        ConflictError,
      );
      await expectRefused(
        fx.team.id,
        () => deleteWebhook(fx.actors.admin, { teamSlug: fx.team.slug, webhookId: "nope" }),
        NotFoundError,
      );
    });
  });
});
