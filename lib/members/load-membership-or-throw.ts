import "server-only";
import type { Tx } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors/domain-errors";
import { toMembership } from "./membership-row";

/** A membership of this team; one of another team is "not found", like one that never existed. */
export async function loadMembershipOrThrow(tx: Tx, teamId: string, membershipId: string) {
  const membership = await tx.membership.findFirst({
    where: { id: membershipId, teamId },
    include: { user: { select: { id: true, name: true, email: true } } },
  });
  if (!membership) throw new NotFoundError("Member not found; they may have been removed already");
  return toMembership(membership);
}
