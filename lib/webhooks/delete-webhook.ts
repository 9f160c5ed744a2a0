import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { inTransaction } from "@/lib/db/transaction";
import { parseInput } from "@/lib/validation/parse-input";
import { loadWebhookOrThrow } from "./load-webhook";
import { webhookAuditFields } from "./webhook-audit-fields";
import { webhookRefSchema } from "./webhook-schemas";

/** Admins only. Its delivery log and anything still queued go with it. */
export async function deleteWebhook(actor: Actor | null, rawInput: unknown) {
  const input = parseInput(webhookRefSchema, rawInput);
  return inTransaction(async (tx) => {
    const access = await requireRole(tx, actor, input.teamSlug, "admin");
    const row = await loadWebhookOrThrow(tx, access.teamId, input.webhookId);
    await tx.webhook.delete({ where: { id: row.id } });
    await writeAuditEvent(tx, {
      teamId: access.teamId,
      actor: access.actor,
      action: "webhook.deleted",
      summary: `Deleted webhook "${row.name}"`,
      before: webhookAuditFields(row),
    });
    return { id: row.id };
  });
}
