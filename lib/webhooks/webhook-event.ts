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
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export type WebhookEvent = {
  type: WebhookEventType;
  teamId: string;
  team: { slug: string; name: string };
  release: { key: string; name: string };
  environment: { key: string; name: string };
  actor: { type: string; name: string };
  /** One line for people, e.g. "Erin Editor asked to raise eu 5% → 50% in Production". */
  summary: string;
  /** Dashboard path (no origin) of the page to look at, e.g. /teams/acme/approvals. */
  path: string;
  changeRequest?: { id: string; status: string; changes: string; comment: string };
  occurredAt: string;
};
