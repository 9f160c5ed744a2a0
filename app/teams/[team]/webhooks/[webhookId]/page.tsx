import type { Metadata } from "next";
import Link from "next/link";
import { RelativeTime } from "@/components/common/relative-time";
import { FormatTag, WebhookStateBadge } from "@/components/webhooks/delivery-badges";
import { DeliveryLog } from "@/components/webhooks/delivery-log";
import { RefreshWhilePending } from "@/components/webhooks/refresh-while-pending";
import { RetryDeliveryButton } from "@/components/webhooks/retry-delivery-button";
import { WebhookActions } from "@/components/webhooks/webhook-actions";
import { orNotFound } from "@/lib/http/page-actor";
import { getPageTeamContext } from "@/lib/http/page-team-context";
import { DELIVERY_LOG_LIMIT, listWebhookDeliveries } from "@/lib/webhooks/list-webhook-deliveries";
import { webhookEventLabel } from "@/lib/webhooks/webhook-event";
import {
  deleteWebhookAction,
  retryWebhookDeliveryAction,
  rotateWebhookSecretAction,
  sendTestWebhookAction,
  setWebhookEnabledAction,
} from "../actions";

export const metadata: Metadata = { title: "Webhook deliveries" };

const actions = {
  sendTest: sendTestWebhookAction,
  setEnabled: setWebhookEnabledAction,
  rotateSecret: rotateWebhookSecretAction,
  remove: deleteWebhookAction,
};

export default async function WebhookPage({ params }: { params: Promise<{ team: string; webhookId: string }> }) {
  const { team, webhookId } = await params;
  const { access } = await getPageTeamContext(`/teams/${team}/webhooks/${webhookId}`, team);
  const { isAdmin, webhook, deliveries, pendingCount, sendingSoon } = await orNotFound(
    listWebhookDeliveries(access, { webhookId }),
  );
  return (
    <div className="space-y-5">
      <RefreshWhilePending active={pendingCount > 0} everyMs={sendingSoon ? 3_000 : 30_000} />
      <div>
        <Link href={`/teams/${team}/webhooks`} className="muted text-sm hover:underline">
          ← Webhooks
        </Link>
        <div className="mt-1 flex flex-wrap items-center gap-2">
          <h1 className="text-2xl font-semibold tracking-tight">{webhook.name}</h1>
          <WebhookStateBadge enabled={webhook.enabled} />
          <FormatTag format={webhook.format} />
        </div>
        <p className="mt-1 break-all font-mono text-xs">{webhook.url}</p>
        <p className="muted mt-1 text-xs">
          {webhook.events.length === 0 ? "All events" : webhook.events.map(webhookEventLabel).join(", ")}
          {webhook.secretHint && (
            <>
              {" "}
              · secret <span className="font-mono">{webhook.secretHint}</span>
            </>
          )}{" "}
          · added <RelativeTime date={webhook.createdAt} /> by {webhook.createdByName}
        </p>
      </div>
      {isAdmin && (
        <WebhookActions
          teamSlug={team}
          webhook={{ ...webhook, pendingCount }}
          actions={actions}
          afterDeleteHref={`/teams/${team}/webhooks`}
        />
      )}

      <section className="card" aria-labelledby="deliveries-heading">
        <div className="border-b border-zinc-200 px-5 py-4 dark:border-zinc-800">
          <h2 id="deliveries-heading" className="font-semibold">
            Deliveries
          </h2>
          <p className="muted mt-0.5 text-sm">
            The last {DELIVERY_LOG_LIMIT}, newest first. A delivery is retried after 10 s, 30 s, 2 min, 10 min and 1 h,
            then given up; any 2xx answer counts as delivered.
          </p>
        </div>
        <DeliveryLog
          deliveries={deliveries}
          retryButton={
            isAdmin && webhook.enabled
              ? (deliveryId) => (
                  <RetryDeliveryButton teamSlug={team} deliveryId={deliveryId} retry={retryWebhookDeliveryAction} />
                )
              : undefined
          }
        />
      </section>
    </div>
  );
}
