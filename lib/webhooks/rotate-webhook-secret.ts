import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { inTransaction } from "@/lib/db/transaction";
import { parseInput } from "@/lib/validation/parse-input";
import { loadWebhookOrThrow } from "./load-webhook";
import { webhookRefSchema } from "./webhook-schemas";
import { generateWebhookSecret } from "./webhook-signature";

/**
 * Admins only. Returns the new secret once. Signatures are computed when a delivery is sent,
 * so from the commit on every attempt, retries of older events included, uses the new one.
 */
export async function rotateWebhookSecret(actor: Actor | null, rawInput: unknown) {
  const input = parseInput(webhookRefSchema, rawInput);
  return inTransaction(async (tx) => {
    const access = await requireRole(tx, actor, input.teamSlug, "admin");
    const row = await loadWebhookOrThrow(tx, access.teamId, input.webhookId);
    const secret = generateWebhookSecret();
    await tx.webhook.update({ where: { id: row.id }, data: { secret } });
    await writeAuditEvent(tx, {
      teamId: access.teamId,
      actor: access.actor,
      action: "webhook.secret_rotated",
      summary: `Rotated the signing secret of webhook "${row.name}"`,
    });
    return { id: row.id, name: row.name, secret };
  });
}
