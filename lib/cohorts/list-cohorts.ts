import "server-only";
import { readDb } from "@/lib/db/transaction";
import type { CohortDefinition } from "@/lib/domain/cohort-rules";

export async function listCohorts(teamId: string) {
  const cohorts = await readDb().cohort.findMany({
    where: { teamId },
    orderBy: { priority: "asc" },
    include: { _count: { select: { rollouts: true } } },
  });
  return cohorts.map((c) => ({
    key: c.key,
    name: c.name,
    description: c.description,
    priority: c.priority,
    version: c.version,
    definition: JSON.parse(c.definition) as CohortDefinition,
    explicitRollouts: c._count.rollouts,
    updatedAt: c.updatedAt,
  }));
}

export type CohortListItem = Awaited<ReturnType<typeof listCohorts>>[number];
