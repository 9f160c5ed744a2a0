import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { readDb } from "@/lib/db/transaction";
import { roleAtLeast } from "@/lib/domain/roles";
import { teamSlugSchema } from "@/lib/releases/release-schemas";
import { parseInput } from "@/lib/validation/parse-input";
import { parseWebhookEvents } from "./webhook-subscription";
import { secretHint } from "./webhook-signature";
import { maskWebhookUrl } from "./webhook-url";

export const listWebhooksSchema = z.object({ teamSlug: teamSlugSchema });

/**
 * Every member sees which webhooks exist and how their deliveries go; only admins see the full
 * URL (a Slack URL's path is a credential) and a hint of the secret. The secret itself is never
 * listed: it is shown once, when created or rotated.
 */
export async function listWebhooks(actor: Actor | null, rawInput: unknown) {
  const input = parseInput(listWebhooksSchema, rawInput);
  const db = readDb();
  const access = await requireRole(db, actor, input.teamSlug, "viewer");
  const isAdmin = roleAtLeast(access.role, "admin");
  const rows = await db.webhook.findMany({ where: { teamId: access.teamId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const webhooks = await Promise.all(
    rows.map(async (row) => {
      const [last, pending, failed] = await Promise.all([
        db.webhookDelivery.findFirst({
          where: { webhookId: row.id },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          select: { event: true, status: true, attempts: true, lastStatusCode: true, lastError: true, createdAt: true, deliveredAt: true, nextAttemptAt: true },
        }),
        db.webhookDelivery.count({ where: { webhookId: row.id, status: "pending" } }),
        db.webhookDelivery.count({ where: { webhookId: row.id, status: "failed" } }),
      ]);
      return {
        id: row.id,
        name: row.name,
        url: isAdmin ? row.url : maskWebhookUrl(row.url),
        secretHint: isAdmin ? secretHint(row.secret) : null,
        format: row.format as "slack" | "generic",
        events: parseWebhookEvents(row.events),
        enabled: row.disabledAt === null,
        createdByName: row.createdByName,
        createdAt: row.createdAt,
        lastDelivery: last,
        pendingCount: pending,
        failedCount: failed,
      };
    }),
  );
  return { access, isAdmin, webhooks };
}

export type WebhookListItem = Awaited<ReturnType<typeof listWebhooks>>["webhooks"][number];
