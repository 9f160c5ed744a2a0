import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { inTransaction } from "@/lib/db/transaction";
import { parseInput } from "@/lib/validation/parse-input";
import { webhookAuditFields } from "./webhook-audit-fields";
import { createWebhookSchema } from "./webhook-schemas";
import { generateWebhookSecret } from "./webhook-signature";

/** Admins only. Returns the signing secret in clear; it is never shown again. */
export async function createWebhook(actor: Actor | null, rawInput: unknown) {
  const input = parseInput(createWebhookSchema, rawInput);
  return inTransaction(async (tx) => {
    const access = await requireRole(tx, actor, input.teamSlug, "admin");
    const secret = generateWebhookSecret();
    const row = await tx.webhook.create({
      data: {
        teamId: access.teamId,
        name: input.name,
        url: input.url,
        format: input.format,
        secret,
        events: JSON.stringify(input.events),
        createdById: access.actor.id,
        createdByName: access.actor.name,
      },
    });
    await writeAuditEvent(tx, {
      teamId: access.teamId,
      actor: access.actor,
      action: "webhook.created",
      summary: `Created webhook "${row.name}" (${row.format === "slack" ? "Slack" : "generic JSON"})`,
      after: webhookAuditFields(row),
    });
    return { id: row.id, name: row.name, secret };
  });
}
