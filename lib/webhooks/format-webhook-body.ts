import { dashboardLink, dashboardOrigin } from "./dashboard-url";
import { webhookEventLabel, type AnyWebhookEvent } from "./webhook-event";

export const WEBHOOK_FORMATS = ["slack", "generic"] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/** Version of the generic body; bumped only for changes a receiver could trip over. */
export const GENERIC_BODY_VERSION = 1;

/**
 * The body as sent, fixed when the event is enqueued (so a retry sends the same bytes):
 * Slack's incoming-webhook shape, or the event itself as versioned JSON. Links are absolute
 * when the dashboard's public URL is known (GLIDEPATH_PUBLIC_URL or NEXTAUTH_URL).
 */
export function formatWebhookBody(
  format: string,
  event: AnyWebhookEvent,
  origin: string | null = dashboardOrigin(),
): string {
  return JSON.stringify(format === "slack" ? slackBody(event, origin) : genericBody(event, origin));
}

export function genericBody(event: AnyWebhookEvent, origin: string | null) {
  // The team's internal id means nothing outside; the slug is in `team`.
  const { teamId: _teamId, ...rest } = event;
  return { version: GENERIC_BODY_VERSION, ...rest, url: dashboardLink(event.path, origin) };
}

// Slack: https://api.slack.com/messaging/webhooks and https://api.slack.com/reference/block-kit/blocks
const HEADER_EMOJI: Record<string, string> = {
  "change_request.created": ":raising_hand:",
  "change_request.approved": ":white_check_mark:",
  "change_request.rejected": ":no_entry:",
  "change_request.stale": ":hourglass:",
  "change_request.expired": ":hourglass:",
  "change_request.cancelled": ":heavy_multiplication_x:",
  "rollout.promoted": ":rocket:",
  "rollout.rolled_back": ":rewind:",
  "plan.step_advanced": ":arrow_forward:",
  "plan.held": ":double_vertical_bar:",
  "plan.guardrail_breached": ":rotating_light:",
  "plan.rolled_back": ":rewind:",
  "plan.finished": ":checkered_flag:",
  "plan.backend_unreachable": ":warning:",
  "webhook.test": ":wave:",
};

/** mrkdwn treats these three as control characters; everything else is literal enough. */
function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Link text can't contain `|` or `>` even escaped. */
function mrkdwnLink(url: string, text: string): string {
  return `<${url}|${escapeMrkdwn(text).replace(/\|/g, "¦")}>`;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

type SlackText = { type: "mrkdwn"; text: string };
type SlackBlock =
  | { type: "header"; text: { type: "plain_text"; text: string; emoji: true } }
  | { type: "section"; text?: SlackText; fields?: SlackText[] }
  | {
      type: "actions";
      elements: { type: "button"; text: { type: "plain_text"; text: string }; url: string; action_id: string }[];
    }
  | { type: "context"; elements: SlackText[] };

export function slackBody(event: AnyWebhookEvent, origin: string | null): { text: string; blocks: SlackBlock[] } {
  const link = origin ? dashboardLink(event.path, origin) : null;
  const label = webhookEventLabel(event.type);
  const subject =
    event.type === "webhook.test" ? event.webhook.name : (event.release?.name ?? `Cohort ${event.cohort?.name ?? ""}`);
  const mrkdwn = (text: string): SlackText => ({ type: "mrkdwn", text: clip(text, 2000) });

  const fields: SlackText[] = [];
  if (event.type === "webhook.test") {
    fields.push(mrkdwn(`*Webhook*\n${escapeMrkdwn(event.webhook.name)}`));
  } else if (!event.release || !event.environment) {
    if (event.cohort)
      fields.push(mrkdwn(`*Cohort*\n${escapeMrkdwn(event.cohort.name)} \`${escapeMrkdwn(event.cohort.key)}\``));
    fields.push(mrkdwn("*Environments*\nall"));
  } else {
    // The release page, even when the event's own link goes elsewhere (the approvals queue).
    const releasePath = `/teams/${event.team.slug}/releases/${encodeURIComponent(event.release.key)}?env=${encodeURIComponent(event.environment.key)}`;
    const release = origin
      ? mrkdwnLink(dashboardLink(releasePath, origin), event.release.name)
      : `*${escapeMrkdwn(event.release.name)}*`;
    fields.push(mrkdwn(`*Release*\n${release} \`${escapeMrkdwn(event.release.key)}\``));
    fields.push(mrkdwn(`*Environment*\n${escapeMrkdwn(event.environment.name)}`));
  }
  fields.push(mrkdwn(`*By*\n${escapeMrkdwn(event.actor.name)}`));
  if (event.type !== "webhook.test" && event.changeRequest) {
    fields.push(mrkdwn(`*Change request*\n${escapeMrkdwn(event.changeRequest.status)}`));
    if (event.changeRequest.comment)
      fields.push(mrkdwn(`*Comment*\n${escapeMrkdwn(clip(event.changeRequest.comment, 500))}`));
  }

  const seconds = Math.floor(Date.parse(event.occurredAt) / 1000);
  const when = Number.isFinite(seconds)
    ? `<!date^${seconds}^{date_short_pretty} at {time}|${event.occurredAt}>`
    : escapeMrkdwn(event.occurredAt);
  const context = [escapeMrkdwn(event.team.name), when, link ? null : `\`${escapeMrkdwn(event.path)}\``]
    .filter(Boolean)
    .join(" · ");

  const blocks: SlackBlock[] = [
    {
      type: "header",
      text: {
        type: "plain_text",
        text: clip(`${HEADER_EMOJI[event.type] ?? ""} ${label}: ${subject}`.trim(), 150),
        emoji: true,
      },
    },
    { type: "section", text: mrkdwn(escapeMrkdwn(event.summary)) },
    { type: "section", fields },
  ];
  if (link)
    blocks.push({
      type: "actions",
      elements: [
        { type: "button", text: { type: "plain_text", text: "Open in Glidepath" }, url: link, action_id: "open" },
      ],
    });
  blocks.push({ type: "context", elements: [mrkdwn(`Glidepath · ${context}`)] });

  // `text` is what notifications and Slack-compatible receivers without Block Kit show.
  const text = link
    ? `${escapeMrkdwn(event.summary)} — ${mrkdwnLink(link, "open in Glidepath")}`
    : escapeMrkdwn(event.summary);
  return { text: clip(text, 3000), blocks };
}
