import "server-only";
import { inTransaction, readDb } from "@/lib/db/transaction";
import { ConflictError } from "@/lib/errors/domain-errors";
import { settleChangeRequest } from "@/lib/change-requests/settle-change-request";
import { APPROVALS_SYSTEM_ACTOR } from "@/lib/auth/system-actor";
import { CHANGE_REQUEST_INCLUDE } from "@/lib/change-requests/to-change-request-view";

/**
 * Expires pending requests past their time (for one team, or all), each in its own
 * transaction with its audit event. Cheap when nothing is due: one indexed count.
 */
export async function expireChangeRequests(options: { teamId?: string; now?: Date } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const where = { status: "pending", expiresAt: { lte: now }, ...(options.teamId ? { teamId: options.teamId } : {}) };
  const due = await readDb().changeRequest.findMany({ where, select: { id: true }, take: 200 });
  let expired = 0;
  for (const { id } of due) {
    try {
      await inTransaction(async (tx) => {
        const row = await tx.changeRequest.findFirst({
          where: { id, status: "pending" },
          include: CHANGE_REQUEST_INCLUDE,
        });
        if (!row) return;
        const team = await tx.team.findUniqueOrThrow({
          where: { id: row.teamId },
          select: { id: true, slug: true, name: true },
        });
        await settleChangeRequest(tx, row, "expired", "expired", {
          team: { teamId: team.id, teamSlug: team.slug, teamName: team.name },
          actor: APPROVALS_SYSTEM_ACTOR,
        });
        expired++;
      });
    } catch (error) {
      // Someone decided it at the same moment: that decision stands.
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  return expired;
}
