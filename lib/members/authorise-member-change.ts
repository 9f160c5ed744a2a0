import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requireRole, type TeamAccess } from "@/lib/auth/require-role";
import type { Tx } from "@/lib/db/client";
import { lockTeamStructure } from "@/lib/db/lock-team-structure";

/**
 * Admins only. Member changes of one team run one at a time: the team row is locked
 * (PostgreSQL) or the write transaction is exclusive (SQLite), and the actor's role is read
 * again after the lock, so an admin demoted by a change that committed a moment ago can't
 * finish a change of their own, and "who else is admin" is read after every earlier change.
 */
export async function authoriseMemberChange(tx: Tx, actor: Actor | null, teamSlug: string): Promise<TeamAccess> {
  const first = await requireRole(tx, actor, teamSlug, "admin");
  await lockTeamStructure(tx, first.teamId);
  return requireRole(tx, actor, teamSlug, "admin");
}
