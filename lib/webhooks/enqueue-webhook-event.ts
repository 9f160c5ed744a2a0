import "server-only";
import type { Tx } from "@/lib/db/client";
import type { AnyWebhookEvent, WebhookEvent } from "./webhook-event";
import { formatWebhookBody } from "./format-webhook-body";
import { parseWebhookEvents } from "./webhook-subscription";

/**
 * Writes one outbox row per subscribed webhook, in the transaction of the change itself, so a
 * notification exists exactly when the change commits. Sending happens later, outside the
 * request (lib/webhooks/webhook-dispatcher.ts): a slow or dead receiver can't hold up or undo
 * the change. Call kickWebhookDispatcher() after the commit to have it sent promptly.
 */
export async function enqueueWebhookEvent(tx: Tx, event: WebhookEvent): Promise<number> {
  const hooks = await tx.webhook.findMany({
    where: { teamId: event.teamId, disabledAt: null },
    select: { id: true, format: true, events: true },
  });
  const subscribed = hooks.filter((hook) => {
    const events = parseWebhookEvents(hook.events);
    return events.length === 0 || events.includes(event.type);
  });
  if (subscribed.length === 0) return 0;
  const bodies = new Map<string, string>();
  const bodyFor = (format: string) => {
    if (!bodies.has(format)) bodies.set(format, formatWebhookBody(format, event));
    return bodies.get(format)!;
  };
  await tx.webhookDelivery.createMany({
    data: subscribed.map((hook) => ({
      webhookId: hook.id,
      teamId: event.teamId,
      event: event.type,
      body: bodyFor(hook.format),
    })),
  });
  return subscribed.length;
}

/** One delivery to one webhook, whatever it subscribes to (the test event). */
export async function enqueueWebhookDelivery(tx: Tx, hook: { id: string; format: string }, event: AnyWebhookEvent) {
  return tx.webhookDelivery.create({
    data: { webhookId: hook.id, teamId: event.teamId, event: event.type, body: formatWebhookBody(hook.format, event) },
    select: { id: true },
  });
}
