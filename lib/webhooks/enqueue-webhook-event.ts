import "server-only";
import type { Tx } from "@/lib/db/client";
import type { WebhookEvent } from "./webhook-event";
import { formatWebhookBody } from "./format-webhook-body";

/**
 * Writes one outbox row per subscribed webhook, in the transaction of the change itself, so a
 * notification exists exactly when the change commits. Sending happens later, outside the
 * request: a slow or dead receiver can't hold up or undo the change.
 */
export async function enqueueWebhookEvent(tx: Tx, event: WebhookEvent): Promise<number> {
  const hooks = await tx.webhook.findMany({ where: { teamId: event.teamId, disabledAt: null }, select: { id: true, format: true, events: true } });
  const subscribed = hooks.filter((hook) => {
    const events = JSON.parse(hook.events) as string[];
    return events.length === 0 || events.includes(event.type);
  });
  if (subscribed.length === 0) return 0;
  await tx.webhookDelivery.createMany({
    data: subscribed.map((hook) => ({
      webhookId: hook.id,
      teamId: event.teamId,
      event: event.type,
      body: formatWebhookBody(hook.format, event),
    })),
  });
  return subscribed.length;
}
