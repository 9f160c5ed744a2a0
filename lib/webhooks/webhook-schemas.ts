import { z } from "zod";
import { teamSlugSchema } from "@/lib/validation/common-schemas";
import { WEBHOOK_FORMATS } from "./format-webhook-body";
import { WEBHOOK_EVENT_TYPES } from "./webhook-event";
import { webhookUrlProblem } from "./webhook-url";

export const webhookIdSchema = z.string({ error: "Webhook is required" }).trim().min(1, "Webhook is required").max(64);

export const webhookUrlSchema = z
  .string({ error: "URL is required" })
  .trim()
  .min(1, "URL is required")
  .max(2000, "URL must be at most 2000 characters")
  .superRefine((url, ctx) => {
    if (!url) return; // "URL is required" says it already
    const problem = webhookUrlProblem(url);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const createWebhookSchema = z.object({
  teamSlug: teamSlugSchema,
  name: z
    .string({ error: "Name is required" })
    .trim()
    .min(1, "Name is required")
    .max(80, "Name must be at most 80 characters"),
  url: webhookUrlSchema,
  format: z.enum(WEBHOOK_FORMATS, { error: "Choose Slack or generic JSON" }),
  /** Empty: every event, including ones Glidepath adds later. */
  events: z
    .array(z.enum(WEBHOOK_EVENT_TYPES, { error: "Unknown event" }), { error: "Events must be a list" })
    .max(WEBHOOK_EVENT_TYPES.length)
    .default([])
    .transform((events) => WEBHOOK_EVENT_TYPES.filter((type) => events.includes(type))),
});
export type CreateWebhookInput = z.input<typeof createWebhookSchema>;

export const webhookRefSchema = z.object({ teamSlug: teamSlugSchema, webhookId: webhookIdSchema });
export type WebhookRefInput = z.input<typeof webhookRefSchema>;

export const setWebhookEnabledSchema = webhookRefSchema.extend({
  enabled: z.boolean({ error: "Enabled must be true or false" }),
});
export type SetWebhookEnabledInput = z.input<typeof setWebhookEnabledSchema>;

export const retryWebhookDeliverySchema = z.object({
  teamSlug: teamSlugSchema,
  deliveryId: z.string().trim().min(1, "Delivery is required").max(64),
});
export type RetryWebhookDeliveryInput = z.input<typeof retryWebhookDeliverySchema>;
