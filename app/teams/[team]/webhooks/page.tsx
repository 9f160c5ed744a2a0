import type { Metadata } from "next";
import Link from "next/link";
import { RelativeTime } from "@/components/common/relative-time";
import { AllowListForm } from "@/components/webhooks/allow-list-form";
import { CreateWebhookForm } from "@/components/webhooks/create-webhook-form";
import {
  DeliveryStatusBadge,
  FormatTag,
  StatusCodeBadge,
  WebhookStateBadge,
} from "@/components/webhooks/delivery-badges";
import { RefreshWhilePending } from "@/components/webhooks/refresh-while-pending";
import { WebhookActions } from "@/components/webhooks/webhook-actions";
import { getPageTeamContext } from "@/lib/http/page-team-context";
import { webhookEventLabel } from "@/lib/webhooks/webhook-event";
import { listWebhooks } from "@/lib/webhooks/list-webhooks";
import {
  createWebhookAction,
  deleteWebhookAction,
  rotateWebhookSecretAction,
  sendTestWebhookAction,
  setWebhookAllowListAction,
  setWebhookEnabledAction,
} from "./actions";

export const metadata: Metadata = { title: "Webhooks" };

const actions = {
  sendTest: sendTestWebhookAction,
  setEnabled: setWebhookEnabledAction,
  rotateSecret: rotateWebhookSecretAction,
  remove: deleteWebhookAction,
};

export default async function WebhooksPage({ params }: { params: Promise<{ team: string }> }) {
  const { team } = await params;
  const { access } = await getPageTeamContext(`/teams/${team}/webhooks`, team);
  const { isAdmin, webhooks, allowList } = await listWebhooks(access);
  const queued = webhooks.some((w) => w.pendingCount > 0);
  return (
    <div className="space-y-5">
      <RefreshWhilePending active={queued} />
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Webhooks</h1>
        <p className="muted max-w-2xl text-sm">
          Tell a Slack channel or your own service when changes are requested, approved or rejected, and when releases
          are promoted or rolled back. Every request is signed; failed deliveries are retried for about an hour. Sending
          happens in the background and never holds up or undoes a change.
        </p>
      </div>

      {isAdmin ? (
        <CreateWebhookForm teamSlug={team} submit={createWebhookAction} />
      ) : (
        <p className="muted text-sm">
          You are a {access.role} in {access.teamName}; only admins can add or change webhooks, and see their full URLs.
        </p>
      )}

      {isAdmin && allowList && (
        <section className="card space-y-2 p-5" aria-labelledby="allow-list-heading">
          <h2 id="allow-list-heading" className="font-semibold">
            Internal destinations
          </h2>
          <p className="muted max-w-2xl text-sm">
            Webhooks never reach loopback, private, link-local or cloud-metadata addresses (checked when a webhook is
            saved and again on every connection), unless they are listed here. Changes are in the audit trail.
          </p>
          <AllowListForm teamSlug={team} entries={allowList} submit={setWebhookAllowListAction} />
        </section>
      )}

      <section className="card" aria-labelledby="webhooks-heading">
        <h2 id="webhooks-heading" className="border-b border-zinc-200 px-5 py-4 font-semibold dark:border-zinc-800">
          Team webhooks
        </h2>
        {webhooks.length === 0 ? (
          <p className="muted px-5 py-6 text-sm">
            No webhooks yet.{isAdmin ? " Add one above to hear about releases where your team already is." : ""}
          </p>
        ) : (
          <ul className="divide-y divide-zinc-100 dark:divide-zinc-800" aria-label="Webhooks">
            {webhooks.map((hook) => (
              <li key={hook.id} className="space-y-3 px-5 py-4" aria-label={hook.name}>
                <div className="flex flex-wrap items-center gap-2">
                  <Link href={`/teams/${team}/webhooks/${hook.id}`} className="font-medium hover:underline">
                    {hook.name}
                  </Link>
                  <WebhookStateBadge enabled={hook.enabled} />
                  <FormatTag format={hook.format} />
                </div>
                <div className="space-y-1 text-sm">
                  <p className="break-all font-mono text-xs">{hook.url}</p>
                  <p className="muted text-xs">
                    {hook.events.length === 0 ? "All events" : hook.events.map(webhookEventLabel).join(", ")}
                    {hook.secretHint && (
                      <>
                        {" "}
                        · secret <span className="font-mono">{hook.secretHint}</span>
                      </>
                    )}{" "}
                    · added <RelativeTime date={hook.createdAt} /> by {hook.createdByName}
                  </p>
                </div>
                <div className="flex flex-wrap items-center gap-2 text-sm">
                  <span className="muted text-xs">Last delivery</span>
                  {hook.lastDelivery ? (
                    <>
                      <DeliveryStatusBadge status={hook.lastDelivery.status} attempts={hook.lastDelivery.attempts} />
                      <StatusCodeBadge code={hook.lastDelivery.lastStatusCode} attempts={hook.lastDelivery.attempts} />
                      <span className="text-xs">
                        {webhookEventLabel(hook.lastDelivery.event)} ·{" "}
                        <RelativeTime date={hook.lastDelivery.createdAt} />
                      </span>
                    </>
                  ) : (
                    <span className="muted text-xs">none yet</span>
                  )}
                  {(hook.pendingCount > 0 || hook.failedCount > 0) && (
                    <span className="muted text-xs">
                      ·{" "}
                      {[
                        hook.pendingCount ? `${hook.pendingCount} queued` : null,
                        hook.failedCount ? `${hook.failedCount} failed` : null,
                      ]
                        .filter(Boolean)
                        .join(", ")}
                    </span>
                  )}
                  <Link href={`/teams/${team}/webhooks/${hook.id}`} className="link text-xs font-medium">
                    Delivery log →
                  </Link>
                </div>
                {isAdmin && <WebhookActions teamSlug={team} webhook={hook} actions={actions} />}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
