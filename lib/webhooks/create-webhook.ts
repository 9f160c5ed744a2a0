import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { inTransaction, readDb } from "@/lib/db/transaction";
import { ValidationError } from "@/lib/errors/domain-errors";
import { checkDestination } from "@/lib/outbound/destination-check";
import { parseInput } from "@/lib/validation/parse-input";
import { parseStoredAllowList } from "./webhook-allow-list";
import { webhookAuditFields } from "./webhook-audit-fields";
import { createWebhookSchema } from "./webhook-schemas";
import { generateWebhookSecret } from "./webhook-signature";

/**
 * Admins only. Returns the signing secret in clear; it is never shown again. A URL whose host
 * is (or resolves only to) an internal address is refused unless the team's allow list names
 * it; every request is checked again when it connects (lib/outbound/guarded-post.ts).
 */
export async function createWebhook(actor: Actor | null, rawInput: unknown) {
  const input = parseInput(createWebhookSchema, rawInput);
  // Resolved before the transaction, so no database lock waits on DNS.
  const { teamId } = await requireRole(readDb(), actor, input.teamSlug, "admin");
  const team = await readDb().team.findUniqueOrThrow({ where: { id: teamId }, select: { webhookAllowList: true } });
  const refused = await checkDestination(new URL(input.url), parseStoredAllowList(team.webhookAllowList));
  if (refused) {
    throw ValidationError.field(
      "url",
      `${refused.message}: webhooks can't reach it unless an admin adds it to the team's allowed internal destinations`,
    );
  }
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
