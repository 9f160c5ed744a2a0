import http from "node:http";
import type { AddressInfo } from "node:net";
import { getDb } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { setWebhookAllowList } from "@/lib/webhooks/set-webhook-allow-list";
import { enqueueWebhookEvent } from "@/lib/webhooks/enqueue-webhook-event";
import type { WebhookEvent, WebhookEventType } from "@/lib/webhooks/webhook-event";
import type { TeamFixture } from "../support/fixtures";

export type ReceivedRequest = { method: string; path: string; headers: http.IncomingHttpHeaders; body: string };
type Reply = { status: number; body?: string; delayMs?: number; headers?: Record<string, string> };

/** A real HTTP receiver on 127.0.0.1 (random port) that records what it gets. */
export async function startReceiver() {
  const requests: ReceivedRequest[] = [];
  let reply: Reply = { status: 200, body: "ok" };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests.push({
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      const { status, body, delayMs, headers } = reply;
      const send = () => {
        if (!res.destroyed) res.writeHead(status, { "Content-Type": "text/plain", ...headers }).end(body ?? "");
      };
      if (delayMs) setTimeout(send, delayMs).unref();
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hooks/glidepath`,
    requests,
    reply(next: Reply) {
      reply = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** A URL nothing listens on: a port that was free a moment ago. */
export async function closedPortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/down`;
}

export function eventFor(
  fx: TeamFixture,
  type: WebhookEventType = "rollout.promoted",
  overrides: Partial<WebhookEvent> = {},
): WebhookEvent {
  return {
    type,
    teamId: fx.team.id,
    team: { slug: fx.team.slug, name: fx.team.name },
    release: { key: "new-checkout", name: "New checkout flow" },
    environment: { key: "production", name: "Production" },
    actor: { type: "user", name: fx.actors.editor.name },
    summary: `${fx.actors.editor.name} promoted New checkout flow in Production: everyone gets it`,
    path: `/teams/${fx.team.slug}/releases/new-checkout?env=production`,
    occurredAt: "2026-11-28T15:00:00.000Z",
    ...overrides,
  };
}

/** As a use case does it: the event is enqueued in the transaction of the change. */
export function enqueue(event: WebhookEvent) {
  return inTransaction((tx) => enqueueWebhookEvent(tx, event));
}

/**
 * Test receivers listen on 127.0.0.1, which webhooks reach only when the team's admins allow
 * it: as a team running its receiver beside Glidepath would, the helper allows it first.
 */
export async function addWebhook(
  fx: TeamFixture,
  url: string,
  input: { format?: "slack" | "generic"; events?: string[]; name?: string } = {},
) {
  if (new URL(url).hostname === "127.0.0.1")
    await setWebhookAllowList(fx.actors.admin, { teamSlug: fx.team.slug, entries: "127.0.0.1" });
  return createWebhook(fx.actors.admin, {
    teamSlug: fx.team.slug,
    name: input.name ?? "Receiver",
    url,
    format: input.format ?? "generic",
    events: input.events ?? [],
  });
}

export function deliveriesOf(webhookId: string) {
  return getDb().webhookDelivery.findMany({ where: { webhookId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}

/** A clock the test moves by hand; starts a little ahead of the database's `now()` defaults. */
export function manualClock(startMs = Date.now() + 1_000) {
  let ms = startMs;
  return {
    now: () => new Date(ms),
    advance(byMs: number) {
      ms += byMs;
    },
    set(date: Date) {
      ms = date.getTime();
    },
  };
}
