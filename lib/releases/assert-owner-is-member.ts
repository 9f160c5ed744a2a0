import "server-only";
import type { Tx } from "@/lib/db/client";
import { ValidationError } from "@/lib/errors/domain-errors";

export async function assertOwnerIsMember(tx: Tx, teamId: string, ownerId: string | null) {
  if (!ownerId) return;
  const member = await tx.membership.findFirst({ where: { teamId, userId: ownerId }, select: { id: true } });
  if (!member) throw ValidationError.field("ownerId", "Owner must be a member of the team");
}
