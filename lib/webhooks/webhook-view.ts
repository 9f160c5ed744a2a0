import type { Prisma } from "@/lib/db/client";
import { parseWebhookEvents } from "./webhook-subscription";
import { secretHint } from "./webhook-signature";
import { maskWebhookUrl } from "./webhook-url";

/**
 * A webhook as members see it: only admins get the full URL (a Slack URL's path is a
 * credential) and a hint of the secret; the secret itself never leaves the server.
 */
export function toWebhookView(row: Prisma.WebhookGetPayload<object>, isAdmin: boolean) {
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
  };
}
