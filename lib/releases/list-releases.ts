import "server-only";
import type { TeamContext } from "@/lib/auth/get-team-context";
import type { TeamAccess } from "@/lib/auth/require-role";
import { readDb } from "@/lib/db/transaction";
import type { ReleaseStatus } from "@/lib/domain/evaluate";
import { filterReleases, NO_OWNER, type ReleaseListQuery } from "@/lib/domain/release-list-filter";
import { toReleaseRollout } from "@/lib/rollouts/rollout-row";

export type ReleaseListItem = {
  key: string;
  name: string;
  description: string;
  ownerId: string | null;
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
          ownerId: release.ownerId,
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

export type FoundReleases = {
  releases: ReleaseListItem[];
  /** How many the environment has before filtering. */
  total: number;
  /** Everyone who owns a release here, for the owner filter, by name. */
  owners: { id: string; name: string }[];
  /** The owner asked for owns no release here: that filter was left out. */
  ownerIgnored: boolean;
};

/**
 * The releases list with its filters applied on the server (search by name or key, status,
 * owner; sorted). The whole team's list is read and narrowed here: a team has tens to a few
 * hundred releases, and matching in code keeps search case- and accent-insensitive on both
 * databases alike.
 */
export async function findReleases(context: TeamContext, query: ReleaseListQuery): Promise<FoundReleases> {
  const all = await listReleases(context);
  const owners = new Map<string, string>();
  for (const r of all) if (r.ownerId && r.ownerName) owners.set(r.ownerId, r.ownerName);
  const ownerIgnored = Boolean(query.owner && query.owner !== NO_OWNER && !owners.has(query.owner));
  return {
    releases: filterReleases(all, ownerIgnored ? { ...query, owner: undefined } : query),
    ownerIgnored,
    total: all.length,
    owners: [...owners].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** Archived releases of a team, newest first, for the list's "Archived" section. */
export async function listArchivedReleases(access: TeamAccess) {
  return readDb().release.findMany({
    where: { teamId: access.teamId, archivedAt: { not: null } },
    orderBy: { archivedAt: "desc" },
    select: { key: true, name: true, archivedAt: true },
  });
}
