import "server-only";
import type { TeamAccess } from "@/lib/auth/require-role";
import { readDb } from "@/lib/db/transaction";
import { MATCHES_NOBODY, toCohort } from "./cohort-row";

/** The team's cohorts in priority order; archived ones (`archived: true`) only when asked. Any member may read. */
export async function listCohorts(access: TeamAccess, options: { archived?: boolean } = {}) {
  const rows = await readDb().cohort.findMany({
    where: { teamId: access.teamId, archivedAt: options.archived ? { not: null } : null },
    orderBy: options.archived ? { archivedAt: "desc" } : { priority: "asc" },
    include: { _count: { select: { rollouts: true } } },
  });
  return rows.map(toCohort).map((c) => ({
    key: c.key,
    name: c.name,
    description: c.description,
    priority: c.priority,
    version: c.version,
    definition: c.definition ?? MATCHES_NOBODY,
    explicitRollouts: c._count.rollouts,
    updatedAt: c.updatedAt,
    archivedAt: c.archivedAt,
  }));
}

export type CohortListItem = Awaited<ReturnType<typeof listCohorts>>[number];
