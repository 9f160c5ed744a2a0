"use server";

import { runAction } from "@/lib/http/actions/run-action";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { deleteWebhook } from "@/lib/webhooks/delete-webhook";
import { retryWebhookDelivery } from "@/lib/webhooks/retry-webhook-delivery";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-webhook-secret";
import { sendTestWebhook } from "@/lib/webhooks/send-test-webhook";
import { setWebhookAllowList } from "@/lib/webhooks/set-webhook-allow-list";
import type { SetWebhookAllowListInput } from "@/lib/webhooks/webhook-allow-list";
import { setWebhookEnabled } from "@/lib/webhooks/set-webhook-enabled";
import type {
  CreateWebhookInput,
  RetryWebhookDeliveryInput,
  SetWebhookEnabledInput,
  WebhookRefInput,
} from "@/lib/webhooks/webhook-schemas";

// Inputs are typed as each use case's schema input for the page's sake; the schema still decides
// what is valid (these are public endpoints).

/** The secret goes back to the admin who created the webhook, this once. */
export async function createWebhookAction(input: CreateWebhookInput) {
  return runAction((actor) => createWebhook(actor, input));
}

export async function rotateWebhookSecretAction(input: WebhookRefInput) {
  return runAction((actor) => rotateWebhookSecret(actor, input));
}

export async function setWebhookEnabledAction(input: SetWebhookEnabledInput) {
  return runAction((actor) => setWebhookEnabled(actor, input));
}

export async function deleteWebhookAction(input: WebhookRefInput) {
  return runAction((actor) => deleteWebhook(actor, input));
}

export async function sendTestWebhookAction(input: WebhookRefInput) {
  return runAction((actor) => sendTestWebhook(actor, input));
}

export async function retryWebhookDeliveryAction(input: RetryWebhookDeliveryInput) {
  return runAction((actor) => retryWebhookDelivery(actor, input));
}

export async function setWebhookAllowListAction(input: SetWebhookAllowListInput) {
  return runAction((actor) => setWebhookAllowList(actor, input));
}
