import type { WebhookEvent } from "./webhook-event";

/** The body as sent: Slack's incoming-webhook shape, or the event itself as JSON. */
export function formatWebhookBody(format: string, event: WebhookEvent): string {
  if (format === "slack") return JSON.stringify({ text: event.summary });
  const { teamId: _teamId, ...rest } = event;
  return JSON.stringify(rest);
}
