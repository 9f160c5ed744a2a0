import "server-only";
import type { Tx } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors/domain-errors";

/** A webhook of this team; another team's id is "not found" like a missing one. */
export async function loadWebhookOrThrow(tx: Tx, teamId: string, webhookId: string) {
  const row = await tx.webhook.findFirst({ where: { id: webhookId, teamId } });
  if (!row) throw new NotFoundError("Webhook not found");
  return row;
}
