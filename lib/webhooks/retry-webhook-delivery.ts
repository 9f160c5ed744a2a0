import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { inTransaction } from "@/lib/db/transaction";
import { ConflictError, NotFoundError } from "@/lib/errors/domain-errors";
import { parseInput } from "@/lib/validation/parse-input";
import { kickWebhookDispatcher } from "./webhook-dispatcher";
import { webhookEventLabel } from "./webhook-event";
import { retryWebhookDeliverySchema } from "./webhook-schemas";

/**
 * Admins only. Gives a failed delivery one more attempt, now, with the same body and id. If
 * that fails too it stays failed (its attempts are already used up).
 */
export async function retryWebhookDelivery(actor: Actor | null, rawInput: unknown) {
  const input = parseInput(retryWebhookDeliverySchema, rawInput);
  const result = await inTransaction(async (tx) => {
    const access = await requireRole(tx, actor, input.teamSlug, "admin");
    const delivery = await tx.webhookDelivery.findFirst({
      where: { id: input.deliveryId, teamId: access.teamId },
      include: { webhook: true },
    });
    if (!delivery) throw new NotFoundError("Delivery not found");
    if (delivery.webhook.disabledAt)
      throw new ConflictError(`Webhook "${delivery.webhook.name}" is disabled; enable it first`);
    const { count } = await tx.webhookDelivery.updateMany({
      where: { id: delivery.id, status: "failed" },
      data: { status: "pending", nextAttemptAt: new Date(), lockedUntil: null },
    });
    if (count === 0)
      throw new ConflictError("Only failed deliveries can be sent again; this one is still queued or was delivered");
    await writeAuditEvent(tx, {
      teamId: access.teamId,
      actor: access.actor,
      action: "webhook.delivery_retried",
      summary: `Sent "${webhookEventLabel(delivery.event)}" to webhook "${delivery.webhook.name}" again`,
    });
    return { id: delivery.id, webhookId: delivery.webhookId };
  });
  kickWebhookDispatcher();
  return result;
}
