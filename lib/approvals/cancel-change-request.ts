import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { inTransaction } from "@/lib/db/transaction";
import { roleAtLeast } from "@/lib/domain/roles";
import { ConflictError, ForbiddenError } from "@/lib/errors/domain-errors";
import { parseInput } from "@/lib/validation/parse-input";
import type { ChangeRequestView } from "@/lib/change-requests/change-request-view";
import { decideChangeRequestSchema } from "@/lib/change-requests/change-request-schemas";
import { isOwnRequest } from "@/lib/change-requests/create-change-request";
import { loadChangeRequest } from "@/lib/change-requests/load-change-request";
import { settleChangeRequest } from "@/lib/change-requests/settle-change-request";

/** The requester withdraws their request (admins may withdraw anyone's). */
export async function cancelChangeRequest(actor: Actor | null, rawInput: unknown): Promise<ChangeRequestView> {
  const input = parseInput(decideChangeRequestSchema, rawInput);
  return inTransaction(async (tx) => {
    const access = await requireRole(tx, actor, input.teamSlug, "editor");
    const row = await loadChangeRequest(tx, access.teamId, input.id);
    if (row.status !== "pending") throw new ConflictError(`This request is already ${row.status}; nothing was changed`);
    const own = isOwnRequest(row, access);
    if (!own && !roleAtLeast(access.role, "admin"))
      throw new ForbiddenError("Only the requester or an admin can cancel a request");
    return settleChangeRequest(tx, row, "cancelled", "cancelled", {
      team: access,
      actor: access.actor,
      comment: input.comment || null,
      note: own ? "withdrawn by the requester" : undefined,
    });
  });
}
