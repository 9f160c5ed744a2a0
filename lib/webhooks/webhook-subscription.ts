import { isWebhookEventType, type WebhookEventType } from "./webhook-event";

/**
 * The stored subscription (a JSON array; empty means every event, including ones added
 * later). Unknown or unreadable entries are dropped rather than failing a change's transaction.
 */
export function parseWebhookEvents(stored: string): WebhookEventType[] {
  try {
    const value: unknown = JSON.parse(stored);
    return Array.isArray(value) ? value.filter(isWebhookEventType) : [];
  } catch {
    return [];
  }
}
