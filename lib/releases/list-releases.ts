import "server-only";
import { readDb } from "@/lib/db/transaction";
import type { ReleaseStatus } from "@/lib/domain/evaluate";

export type ReleaseListItem = {
  key: string;
  name: string;
  description: string;
  ownerName: string | null;
  status: ReleaseStatus;
  version: number;
  defaultBasisPoints: number;
  cohorts: { key: string; name: string; basisPoints: number | null }[];
  updatedAt: Date;
  updatedByName: string | null;
};

/** Releases of a team as seen in one environment, most recently changed first. */
export async function listReleases(teamId: string, environmentId: string): Promise<ReleaseListItem[]> {
  const db = readDb();
  const [cohorts, releases] = await Promise.all([
    db.cohort.findMany({ where: { teamId, archivedAt: null }, orderBy: { priority: "asc" }, select: { id: true, key: true, name: true } }),
    db.release.findMany({
      where: { teamId, archivedAt: null },
      include: {
        owner: { select: { name: true } },
        rollouts: { where: { environmentId }, include: { cohorts: true } },
      },
    }),
  ]);
  return releases
    .flatMap((release) => {
      const rollout = release.rollouts[0];
      if (!rollout) return [];
      const explicit = new Map(rollout.cohorts.map((c) => [c.cohortId, c.basisPoints]));
      return [
        {
          key: release.key,
          name: release.name,
          description: release.description,
          ownerName: release.owner?.name ?? null,
          status: rollout.status as ReleaseStatus,
          version: rollout.version,
          defaultBasisPoints: rollout.defaultBasisPoints,
          cohorts: cohorts.map((c) => ({ key: c.key, name: c.name, basisPoints: explicit.get(c.id) ?? null })),
          updatedAt: rollout.updatedAt,
          updatedByName: rollout.updatedByName,
        },
      ];
    })
    .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
}

/** Archived releases of a team, newest first, for the list's "Archived" section. */
export async function listArchivedReleases(teamId: string) {
  return readDb().release.findMany({ where: { teamId, archivedAt: { not: null } }, orderBy: { archivedAt: "desc" }, select: { key: true, name: true, archivedAt: true } });
}
