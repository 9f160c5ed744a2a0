"use server";

import { runAction } from "@/lib/http/actions/run-action";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { deleteWebhook } from "@/lib/webhooks/delete-webhook";
import { retryWebhookDelivery } from "@/lib/webhooks/retry-webhook-delivery";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-webhook-secret";
import { sendTestWebhook } from "@/lib/webhooks/send-test-webhook";
import { setWebhookAllowList } from "@/lib/webhooks/set-webhook-allow-list";
import { setWebhookEnabled } from "@/lib/webhooks/set-webhook-enabled";

// Forms post loosely typed values; each use case's zod schema decides what is valid.
type WebhookRef = { teamSlug: string; webhookId: string };

/** The secret goes back to the admin who created the webhook, this once. */
export async function createWebhookAction(input: Record<string, unknown>) {
  return runAction((actor) => createWebhook(actor, input));
}

export async function rotateWebhookSecretAction(input: WebhookRef) {
  return runAction((actor) => rotateWebhookSecret(actor, input));
}

export async function setWebhookEnabledAction(input: WebhookRef & { enabled: boolean }) {
  return runAction((actor) => setWebhookEnabled(actor, input));
}

export async function deleteWebhookAction(input: WebhookRef) {
  return runAction((actor) => deleteWebhook(actor, input));
}

export async function sendTestWebhookAction(input: WebhookRef) {
  return runAction((actor) => sendTestWebhook(actor, input));
}

export async function retryWebhookDeliveryAction(input: { teamSlug: string; deliveryId: string }) {
  return runAction((actor) => retryWebhookDelivery(actor, input));
}

export async function setWebhookAllowListAction(input: { teamSlug: string; entries: string }) {
  return runAction((actor) => setWebhookAllowList(actor, input));
}
