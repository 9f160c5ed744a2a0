import "server-only";
import { readDb } from "@/lib/db/transaction";
import { cohortDefinitionSchema, type CohortDefinition } from "@/lib/domain/cohort-rules";

// A stored definition that no longer validates matches nobody (see environment-snapshot).
const NOBODY: CohortDefinition = { kind: "keys", targetingKeys: [] };

/** The team's cohorts in priority order; archived ones (`archived: true`) only when asked. */
export async function listCohorts(teamId: string, options: { archived?: boolean } = {}) {
  const cohorts = await readDb().cohort.findMany({
    where: { teamId, archivedAt: options.archived ? { not: null } : null },
    orderBy: options.archived ? { archivedAt: "desc" } : { priority: "asc" },
    include: { _count: { select: { rollouts: true } } },
  });
  return cohorts.map((c) => {
    const parsed = cohortDefinitionSchema.safeParse(JSON.parse(c.definition));
    return {
      key: c.key,
      name: c.name,
      description: c.description,
      priority: c.priority,
      version: c.version,
      definition: parsed.success ? parsed.data : NOBODY,
      explicitRollouts: c._count.rollouts,
      updatedAt: c.updatedAt,
      archivedAt: c.archivedAt,
    };
  });
}

export type CohortListItem = Awaited<ReturnType<typeof listCohorts>>[number];
