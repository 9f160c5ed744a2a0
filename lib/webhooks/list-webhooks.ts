import "server-only";
import type { TeamAccess } from "@/lib/auth/require-role";
import { readDb } from "@/lib/db/transaction";
import { roleAtLeast } from "@/lib/domain/roles";
import { deliveryErrorView } from "./delivery-error-view";
import { allowListLines } from "./webhook-allow-list";
import { toWebhookDelivery } from "./webhook-row";
import { toWebhookView } from "./webhook-view";

/**
 * Every member sees which webhooks exist and how their deliveries go (what of each webhook: see
 * toWebhookView). The secret is shown once, when created or rotated.
 */
export async function listWebhooks(access: TeamAccess) {
  const db = readDb();
  const isAdmin = roleAtLeast(access.role, "admin");
  const rows = await db.webhook.findMany({
    where: { teamId: access.teamId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const webhooks = await Promise.all(
    rows.map(async (row) => {
      const [last, pending, failed] = await Promise.all([
        db.webhookDelivery.findFirst({
          where: { webhookId: row.id },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          select: {
            id: true,
            event: true,
            status: true,
            attempts: true,
            lastStatusCode: true,
            lastError: true,
            lastResponse: true,
            createdAt: true,
            deliveredAt: true,
            nextAttemptAt: true,
          },
        }),
        db.webhookDelivery.count({ where: { webhookId: row.id, status: "pending" } }),
        db.webhookDelivery.count({ where: { webhookId: row.id, status: "failed" } }),
      ]);
      return {
        ...toWebhookView(row, isAdmin),
        lastDelivery: last && { ...toWebhookDelivery(last), ...deliveryErrorView(last, isAdmin) },
        pendingCount: pending,
        failedCount: failed,
      };
    }),
  );
  // Internal destinations the team's webhooks may reach: admins edit them, nobody else sees them.
  const allowList = isAdmin
    ? allowListLines(
        (await db.team.findUniqueOrThrow({ where: { id: access.teamId }, select: { webhookAllowList: true } }))
          .webhookAllowList,
      )
    : null;
  return { isAdmin, webhooks, allowList };
}

export type WebhookListItem = Awaited<ReturnType<typeof listWebhooks>>["webhooks"][number];
