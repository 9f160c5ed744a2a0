import type { Prisma } from "@/lib/db/client";
import { toWebhook } from "./webhook-row";
import { secretHint } from "./webhook-signature";
import { maskWebhookUrl } from "./webhook-url";

/**
 * A webhook as members see it: only admins get the full URL (a Slack URL's path is a
 * credential) and a hint of the secret; the secret itself never leaves the server.
 */
export function toWebhookView(stored: Prisma.WebhookGetPayload<object>, isAdmin: boolean) {
  const row = toWebhook(stored);
  return {
    id: row.id,
    name: row.name,
    url: isAdmin ? row.url : maskWebhookUrl(row.url),
    secretHint: isAdmin ? secretHint(row.secret) : null,
    format: row.format,
    events: row.events,
    enabled: row.disabledAt === null,
    createdByName: row.createdByName,
    createdAt: row.createdAt,
  };
}
