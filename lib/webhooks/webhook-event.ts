/** What Glidepath tells a team's webhooks about. Pure types, shared by use cases and the sender. */
export const WEBHOOK_EVENT_TYPES = [
  "change_request.created",
  "change_request.approved",
  "change_request.rejected",
  "change_request.stale",
  "change_request.expired",
  "change_request.cancelled",
  "rollout.promoted",
  "rollout.rolled_back",
  "plan.step_advanced",
  "plan.held",
  "plan.guardrail_breached",
  "plan.rolled_back",
  "plan.finished",
  "plan.backend_unreachable",
] as const;

/** The events a webhook can subscribe to. */
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Sent to one webhook on request ("Send test"), whatever it subscribes to. */
export const WEBHOOK_TEST_EVENT = "webhook.test";

/** Short names for people: the page's checkboxes, Slack headers, the delivery log. */
export const WEBHOOK_EVENT_LABELS: Record<WebhookEventType | typeof WEBHOOK_TEST_EVENT, string> = {
  "change_request.created": "Change requested",
  "change_request.approved": "Change approved",
  "change_request.rejected": "Change rejected",
  "change_request.stale": "Change request stale",
  "change_request.expired": "Change request expired",
  "change_request.cancelled": "Change request cancelled",
  "rollout.promoted": "Promoted",
  "rollout.rolled_back": "Rolled back",
  "plan.step_advanced": "Plan step taken",
  "plan.held": "Plan holding",
  "plan.guardrail_breached": "Guardrail breached",
  "plan.rolled_back": "Rolled back automatically",
  "plan.finished": "Plan finished",
  "plan.backend_unreachable": "Metrics backend unreachable",
  "webhook.test": "Test event",
};

export function isWebhookEventType(value: unknown): value is WebhookEventType {
  return typeof value === "string" && (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}

export function webhookEventLabel(type: string): string {
  return (WEBHOOK_EVENT_LABELS as Record<string, string>)[type] ?? type;
}

export type WebhookEvent = {
  type: WebhookEventType;
  teamId: string;
  team: { slug: string; name: string };
  /** Null for a cohort change request: a cohort changes who gets releases in every environment. */
  release: { key: string; name: string } | null;
  environment: { key: string; name: string } | null;
  /** Set for cohort change requests. */
  cohort?: { key: string; name: string };
  actor: { type: string; name: string };
  /** One line for people, e.g. "Erin Editor asked to raise eu 5% → 50% in Production". */
  summary: string;
  /** Dashboard path (no origin) of the page to look at, e.g. /teams/acme/approvals. */
  path: string;
  changeRequest?: { id: string; status: string; changes: string; comment: string };
  occurredAt: string;
};

/** "Send test": no release or environment, just proof that the receiver and signature work. */
export type WebhookTestEvent = {
  type: typeof WEBHOOK_TEST_EVENT;
  teamId: string;
  team: { slug: string; name: string };
  webhook: { id: string; name: string };
  actor: { type: string; name: string };
  summary: string;
  path: string;
  occurredAt: string;
};

/** Everything a delivery body can be made from. */
export type AnyWebhookEvent = WebhookEvent | WebhookTestEvent;
