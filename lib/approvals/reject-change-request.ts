import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { inTransaction } from "@/lib/db/transaction";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors/domain-errors";
import { parseInput } from "@/lib/validation/parse-input";
import type { ChangeRequestView } from "@/lib/change-requests/change-request-view";
import { decideChangeRequestSchema } from "@/lib/change-requests/change-request-schemas";
import { isOwnRequest } from "@/lib/change-requests/create-change-request";
import { loadChangeRequest } from "@/lib/change-requests/load-change-request";
import { settleChangeRequest } from "@/lib/change-requests/settle-change-request";

/** An approver turns a request down, saying why; the requester withdraws with cancel instead. */
export async function rejectChangeRequest(actor: Actor | null, rawInput: unknown): Promise<ChangeRequestView> {
  const input = parseInput(decideChangeRequestSchema, rawInput);
  if (!input.comment) throw ValidationError.field("comment", "Say why, so the requester knows what to change");
  return inTransaction(async (tx) => {
    const access = await requireRole(tx, actor, input.teamSlug, "approver");
    const row = await loadChangeRequest(tx, access.teamId, input.id);
    if (row.status !== "pending") throw new ConflictError(`This request is already ${row.status}; nothing was changed`);
    if (isOwnRequest(row, access)) {
      throw new ForbiddenError("This is your own request (or your API key's): cancel it instead of rejecting it");
    }
    return settleChangeRequest(tx, row, "rejected", "rejected", {
      team: access,
      actor: access.actor,
      reviewer: access.actor,
      comment: input.comment,
    });
  });
}
