import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { inTransaction } from "@/lib/db/transaction";
import { parseInput } from "@/lib/validation/parse-input";
import { allowListLines, setWebhookAllowListSchema } from "./webhook-allow-list";

/**
 * Admins only. Replaces the internal destinations (host names, IP addresses, CIDR ranges) the
 * team's webhooks may reach; every other loopback, private, link-local or metadata address is
 * refused when a webhook is saved and again when each request connects. Audited.
 */
export async function setWebhookAllowList(actor: Actor | null, rawInput: unknown) {
  const input = parseInput(setWebhookAllowListSchema, rawInput);
  return inTransaction(async (tx) => {
    const access = await requireRole(tx, actor, input.teamSlug, "admin");
    const team = await tx.team.findUniqueOrThrow({ where: { id: access.teamId }, select: { webhookAllowList: true } });
    const before = allowListLines(team.webhookAllowList);
    const after = input.entries;
    const added = after.filter((e) => !before.includes(e));
    const removed = before.filter((e) => !after.includes(e));
    if (added.length === 0 && removed.length === 0) return { entries: after, changed: false };
    await tx.team.update({ where: { id: access.teamId }, data: { webhookAllowList: JSON.stringify(after) } });
    const parts = [
      added.length ? `allowed ${added.join(", ")}` : null,
      removed.length ? `no longer allowed ${removed.join(", ")}` : null,
    ].filter(Boolean);
    await writeAuditEvent(tx, {
      teamId: access.teamId,
      actor: access.actor,
      action: "webhook.allow_list_changed",
      summary: `Internal webhook destinations: ${parts.join("; ")}`,
      before: { entries: before },
      after: { entries: after },
    });
    return { entries: after, changed: true };
  });
}
