import "server-only";
import type { TeamActor } from "@/lib/auth/require-role";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import type { Tx } from "@/lib/db/client";
import { enqueueWebhookEvent } from "@/lib/webhooks/enqueue-webhook-event";
import type { WebhookEventType } from "@/lib/webhooks/webhook-event";

type PlanTarget = {
  id: string;
  release: { id: string; key: string; name: string };
  environment: { id: string; key: string; name: string };
};

/**
 * One thing that happened to a plan: its audit event, and the webhook where a team's channel
 * would want to hear of it. Called in the transaction that makes the change.
 */
export async function recordPlanEvent(
  tx: Tx,
  input: {
    by: TeamActor;
    plan: PlanTarget;
    action: string;
    summary: string;
    webhook?: Extract<WebhookEventType, `plan.${string}`>;
    before?: unknown;
    after?: unknown;
  },
) {
  const { by, plan } = input;
  await writeAuditEvent(tx, {
    teamId: by.teamId,
    actor: by.actor,
    environmentId: plan.environment.id,
    releaseId: plan.release.id,
    action: input.action,
    summary: input.summary,
    before: input.before,
    after: input.after === undefined ? { planId: plan.id } : input.after,
  });
  if (!input.webhook) return;
  await enqueueWebhookEvent(tx, {
    type: input.webhook,
    teamId: by.teamId,
    team: { slug: by.teamSlug, name: by.teamName },
    release: { key: plan.release.key, name: plan.release.name },
    environment: { key: plan.environment.key, name: plan.environment.name },
    actor: { type: by.actor.type, name: by.actor.name },
    summary: `${plan.release.name} in ${plan.environment.name}: ${input.summary}`,
    path: `/teams/${by.teamSlug}/releases/${plan.release.key}?env=${plan.environment.key}`,
    occurredAt: new Date().toISOString(),
  });
}
