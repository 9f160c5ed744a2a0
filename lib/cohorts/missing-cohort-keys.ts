import "server-only";
import type { Tx } from "@/lib/db/client";

/** The keys among `keys` that name no active (unarchived) cohort of the team. */
export async function missingCohortKeys(tx: Tx, teamId: string, keys: string[]): Promise<string[]> {
  if (!keys.length) return [];
  const found = await tx.cohort.findMany({
    where: { teamId, key: { in: keys }, archivedAt: null },
    select: { key: true },
  });
  return keys.filter((k) => !found.some((c) => c.key === k));
}
