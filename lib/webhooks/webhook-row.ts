import { z } from "zod";
import { jsonColumn, parseRow } from "@/lib/db/parse-row";
import { WEBHOOK_FORMATS } from "./format-webhook-body";
import { isWebhookEventType } from "./webhook-event";

/** The subscription: a JSON list of event types (empty: every event). A type since retired is dropped. */
const eventsColumn = jsonColumn(z.array(z.string())).transform((types) => types.filter(isWebhookEventType));

export const webhookRowSchema = z.object({ format: z.enum(WEBHOOK_FORMATS), events: eventsColumn });

export function toWebhook<R extends { id: string; format: string; events: string }>(row: R) {
  return parseRow("Webhook", webhookRowSchema, row);
}

/** pending (queued or being retried) → delivered, or failed (gave up). */
export const DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const webhookDeliveryRowSchema = z.object({ status: z.enum(DELIVERY_STATUSES) });

export function toWebhookDelivery<R extends { id: string; status: string }>(row: R) {
  return parseRow("WebhookDelivery", webhookDeliveryRowSchema, row);
}
