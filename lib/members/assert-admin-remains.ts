import "server-only";
import type { Tx } from "@/lib/db/client";
import { ConflictError } from "@/lib/errors/domain-errors";

export function lastAdminMessage(name: string, isSelf: boolean) {
  return isSelf
    ? "You are the team's only admin. Make someone else an admin first; nothing was changed."
    : `${name} is the team's only admin. Make someone else an admin first; nothing was changed.`;
}

/**
 * The invariant, checked after the write inside the same transaction, so a breach rolls the
 * change back. What makes it race-safe is the team row lock taken by authoriseMemberChange:
 * without it, on PostgreSQL (READ COMMITTED) two admins demoting each other would each still
 * see the other as admin here and both commit (test/integration/members.test.ts shows it).
 */
export async function assertAdminRemains(tx: Tx, teamId: string) {
  const admins = await tx.membership.count({ where: { teamId, role: "admin" } });
  if (admins === 0) throw new ConflictError("A team must keep at least one admin; nothing was changed.");
}
