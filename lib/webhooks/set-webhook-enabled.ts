import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { inTransaction } from "@/lib/db/transaction";
import { parseInput } from "@/lib/validation/parse-input";
import { DISABLED_WHILE_QUEUED } from "./dispatch-due-webhooks";
import { loadWebhookOrThrow } from "./load-webhook";
import { webhookAuditFields } from "./webhook-audit-fields";
import { setWebhookEnabledSchema } from "./webhook-schemas";

/**
 * Admins only. Disabling also gives up on what is still queued for it: turning a webhook back
 * on later must not flood a channel with old news. Setting the state it already has is a no-op.
 */
export async function setWebhookEnabled(actor: Actor | null, rawInput: unknown) {
  const input = parseInput(setWebhookEnabledSchema, rawInput);
  return inTransaction(async (tx) => {
    const access = await requireRole(tx, actor, input.teamSlug, "admin");
    const row = await loadWebhookOrThrow(tx, access.teamId, input.webhookId);
    if ((row.disabledAt === null) === input.enabled) return { id: row.id, enabled: input.enabled, cancelled: 0 };
    const disabledAt = input.enabled ? null : new Date();
    const updated = await tx.webhook.update({ where: { id: row.id }, data: { disabledAt } });
    const cancelled = input.enabled
      ? { count: 0 }
      : await tx.webhookDelivery.updateMany({
          where: { webhookId: row.id, status: "pending" },
          data: { status: "failed", lastError: DISABLED_WHILE_QUEUED, lockedUntil: null },
        });
    await writeAuditEvent(tx, {
      teamId: access.teamId,
      actor: access.actor,
      action: input.enabled ? "webhook.enabled" : "webhook.disabled",
      summary: `${input.enabled ? "Enabled" : "Disabled"} webhook "${row.name}"${cancelled.count ? ` (${cancelled.count} queued ${cancelled.count === 1 ? "delivery" : "deliveries"} dropped)` : ""}`,
      before: webhookAuditFields(row),
      after: webhookAuditFields(updated),
    });
    return { id: row.id, enabled: input.enabled, cancelled: cancelled.count };
  });
}
