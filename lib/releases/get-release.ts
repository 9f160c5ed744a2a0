import "server-only";
import type { TeamAccess } from "@/lib/auth/require-role";
import { readDb } from "@/lib/db/transaction";
import { NotFoundError } from "@/lib/errors/domain-errors";
import { toReleaseRollout } from "@/lib/rollouts/rollout-row";

/**
 * A release with its rollout in every environment (in environment order, explicit cohort
 * percentages by key). Any member may read; another team's release is simply not found.
 */
export async function getRelease(access: TeamAccess, input: { releaseKey: string }) {
  const release = await readDb().release.findFirst({
    where: { teamId: access.teamId, key: input.releaseKey, archivedAt: null },
    include: {
      owner: { select: { name: true } },
      rollouts: {
        include: {
          environment: { select: { key: true, name: true, position: true } },
          cohorts: { include: { cohort: { select: { key: true } } } },
        },
      },
    },
  });
  if (!release) throw new NotFoundError(`Release "${input.releaseKey}" not found`);
  return {
    key: release.key,
    name: release.name,
    description: release.description,
    ownerName: release.owner?.name ?? null,
    critical: release.critical,
    createdAt: release.createdAt,
    rollouts: release.rollouts
      .map(toReleaseRollout)
      .sort((a, b) => a.environment.position - b.environment.position)
      .map((r) => ({
        environment: { key: r.environment.key, name: r.environment.name },
        status: r.status,
        version: r.version,
        defaultBasisPoints: r.defaultBasisPoints,
        cohorts: r.cohorts
          .map((c) => ({ key: c.cohort.key, basisPoints: c.basisPoints }))
          .sort((a, b) => a.key.localeCompare(b.key)),
        updatedAt: r.updatedAt,
        updatedByName: r.updatedByName,
      })),
  };
}
