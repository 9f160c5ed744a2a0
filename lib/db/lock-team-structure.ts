import "server-only";
import type { Tx } from "./client";

/**
 * Takes the team row's write lock for the rest of the transaction (an UPDATE locks the row on
 * PostgreSQL; SQLite runs one writer at a time anyway), so read-max-then-insert sequences such
 * as "new cohort goes last" can't interleave.
 */
export async function lockTeamStructure(tx: Tx, teamId: string) {
  await tx.team.update({ where: { id: teamId }, data: { structureVersion: { increment: 1 } } });
}
