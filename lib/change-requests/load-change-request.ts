import "server-only";
import type { Tx } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors/domain-errors";
import { CHANGE_REQUEST_INCLUDE } from "./to-change-request-view";

/** A request of this team, or "not found" (also for another team's id). */
export async function loadChangeRequest(tx: Tx, teamId: string, id: string) {
  const row = await tx.changeRequest.findFirst({ where: { id, teamId }, include: CHANGE_REQUEST_INCLUDE });
  if (!row) throw new NotFoundError("Change request not found");
  return row;
}
