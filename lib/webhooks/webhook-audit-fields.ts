import { parseWebhookEvents } from "./webhook-subscription";
import { maskWebhookUrl } from "./webhook-url";

/**
 * What the audit trail keeps of a webhook. Every member can read the audit log, so the URL is
 * masked as for non-admins (a Slack URL's path is its credential) and the secret is left out.
 */
export function webhookAuditFields(row: {
  name: string;
  url: string;
  format: string;
  events: string;
  disabledAt: Date | null;
}) {
  return {
    name: row.name,
    url: maskWebhookUrl(row.url),
    format: row.format,
    events: parseWebhookEvents(row.events),
    enabled: row.disabledAt === null,
  };
}
