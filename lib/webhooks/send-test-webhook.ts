import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { inTransaction } from "@/lib/db/transaction";
import { ConflictError } from "@/lib/errors/domain-errors";
import { parseInput } from "@/lib/validation/parse-input";
import { enqueueWebhookDelivery } from "./enqueue-webhook-event";
import { loadWebhookOrThrow } from "./load-webhook";
import { kickWebhookDispatcher } from "./webhook-dispatcher";
import { WEBHOOK_TEST_EVENT } from "./webhook-event";
import { webhookRefSchema } from "./webhook-schemas";

/**
 * Admins only. Queues a `webhook.test` delivery to this one webhook; it is sent, signed and
 * retried like any other, and shows in the delivery log.
 */
export async function sendTestWebhook(actor: Actor | null, rawInput: unknown) {
  const input = parseInput(webhookRefSchema, rawInput);
  const delivery = await inTransaction(async (tx) => {
    const access = await requireRole(tx, actor, input.teamSlug, "admin");
    const row = await loadWebhookOrThrow(tx, access.teamId, input.webhookId);
    if (row.disabledAt) throw new ConflictError(`Webhook "${row.name}" is disabled; enable it to send a test`);
    const queued = await enqueueWebhookDelivery(tx, row, {
      type: WEBHOOK_TEST_EVENT,
      teamId: access.teamId,
      team: { slug: access.teamSlug, name: access.teamName },
      webhook: { id: row.id, name: row.name },
      actor: { type: access.actor.type, name: access.actor.name },
      summary: `${access.actor.name} sent a test event to “${row.name}”. If you can read this, Glidepath can reach you.`,
      path: `/teams/${access.teamSlug}/webhooks/${row.id}`,
      occurredAt: new Date().toISOString(),
    });
    await writeAuditEvent(tx, {
      teamId: access.teamId,
      actor: access.actor,
      action: "webhook.tested",
      summary: `Sent a test event to webhook "${row.name}"`,
    });
    return { id: queued.id, webhookId: row.id };
  });
  kickWebhookDispatcher();
  return delivery;
}
