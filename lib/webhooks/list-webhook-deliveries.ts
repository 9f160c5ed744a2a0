import "server-only";
import { z } from "zod";
import type { TeamAccess } from "@/lib/auth/require-role";
import { readDb } from "@/lib/db/transaction";
import { roleAtLeast } from "@/lib/domain/roles";
import { parseInput } from "@/lib/validation/parse-input";
import { deliveryErrorView } from "./delivery-error-view";
import { loadWebhookOrThrow } from "./load-webhook";
import { toWebhookDelivery } from "./webhook-row";
import { webhookIdSchema } from "./webhook-schemas";
import { toWebhookView } from "./webhook-view";

export const DELIVERY_LOG_LIMIT = 50;

const listWebhookDeliveriesSchema = z.object({ webhookId: webhookIdSchema });

/**
 * One webhook and its last 50 deliveries, newest first. Any member may read; bodies, and what
 * receivers answered, are shown to admins only (deliveryErrorView).
 */
export async function listWebhookDeliveries(access: TeamAccess, rawInput: z.input<typeof listWebhookDeliveriesSchema>) {
  const input = parseInput(listWebhookDeliveriesSchema, rawInput);
  const db = readDb();
  const isAdmin = roleAtLeast(access.role, "admin");
  const row = await loadWebhookOrThrow(db, access.teamId, input.webhookId);
  const stored = await db.webhookDelivery.findMany({
    where: { webhookId: row.id, teamId: access.teamId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: DELIVERY_LOG_LIMIT,
  });
  const deliveries = stored.map(toWebhookDelivery);
  const now = Date.now();
  const pending = deliveries.filter((d) => d.status === "pending");
  return {
    isAdmin,
    pendingCount: pending.length,
    /** For a page watching the log: sending soon (or now) vs only later retries waiting. */
    sendingSoon: pending.some((d) => d.nextAttemptAt.getTime() - now < 60_000),
    webhook: toWebhookView(row, isAdmin),
    deliveries: deliveries.map((d) => ({
      id: d.id,
      event: d.event,
      status: d.status,
      attempts: d.attempts,
      lastStatusCode: d.lastStatusCode,
      ...deliveryErrorView(d, isAdmin),
      createdAt: d.createdAt,
      deliveredAt: d.deliveredAt,
      nextAttemptAt: d.status === "pending" ? d.nextAttemptAt : null,
      sending: d.status === "pending" && d.lockedUntil !== null && d.lockedUntil > new Date(),
      body: isAdmin ? d.body : null,
    })),
  };
}

export type WebhookDeliveryItem = Awaited<ReturnType<typeof listWebhookDeliveries>>["deliveries"][number];
