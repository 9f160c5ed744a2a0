import "server-only";
import type { Tx } from "@/lib/db/client";

/** The keys among `keys` that name no cohort of the team. */
export async function missingCohortKeys(tx: Tx, teamId: string, keys: string[]): Promise<string[]> {
  if (!keys.length) return [];
  const found = await tx.cohort.findMany({ where: { teamId, key: { in: keys } }, select: { key: true } });
  return keys.filter((k) => !found.some((c) => c.key === k));
}
