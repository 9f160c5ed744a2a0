import "server-only";
import type { Tx } from "@/lib/db/client";

/** Cohort key → name for the team's cohorts (archived too: an old request may name one), for reasons people read. */
export async function loadCohortNames(tx: Tx, teamId: string): Promise<Map<string, string>> {
  const rows = await tx.cohort.findMany({ where: { teamId }, select: { key: true, name: true } });
  return new Map(rows.map((c) => [c.key, c.name]));
}
