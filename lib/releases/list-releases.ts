import "server-only";
import type { TeamContext } from "@/lib/auth/get-team-context";
import type { TeamAccess } from "@/lib/auth/require-role";
import { readDb } from "@/lib/db/transaction";
import type { ReleaseStatus } from "@/lib/domain/evaluate";
import { toReleaseRollout } from "@/lib/rollouts/rollout-row";

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

/** Releases of a team as seen in the environment in view, most recently changed first. Any member may read. */
export async function listReleases(context: TeamContext): Promise<ReleaseListItem[]> {
  const { access, environment } = context;
  const db = readDb();
  const [cohorts, releases] = await Promise.all([
    db.cohort.findMany({
      where: { teamId: access.teamId, archivedAt: null },
      orderBy: { priority: "asc" },
      select: { id: true, key: true, name: true },
    }),
    db.release.findMany({
      where: { teamId: access.teamId, archivedAt: null },
      include: {
        owner: { select: { name: true } },
        rollouts: { where: { environmentId: environment.id }, include: { cohorts: true } },
      },
    }),
  ]);
  return releases
    .flatMap((release) => {
      const stored = release.rollouts[0];
      if (!stored) return [];
      const rollout = toReleaseRollout(stored);
      const explicit = new Map(rollout.cohorts.map((c) => [c.cohortId, c.basisPoints]));
      return [
        {
          key: release.key,
          name: release.name,
          description: release.description,
          ownerName: release.owner?.name ?? null,
          status: rollout.status,
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
export async function listArchivedReleases(access: TeamAccess) {
  return readDb().release.findMany({
    where: { teamId: access.teamId, archivedAt: { not: null } },
    orderBy: { archivedAt: "desc" },
    select: { key: true, name: true, archivedAt: true },
  });
}
