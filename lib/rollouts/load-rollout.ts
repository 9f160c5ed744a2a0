import "server-only";
import type { Tx } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors/domain-errors";
import { toReleaseRollout } from "./rollout-row";
import type { RolloutSnapshot } from "./rollout-snapshot";

export type { RolloutSnapshot };

/** A release's rollout in one environment, with the release and environment it belongs to. */
export async function loadRollout(tx: Tx, teamId: string, releaseKey: string, environmentKey: string) {
  const release = await tx.release.findFirst({ where: { teamId, key: releaseKey, archivedAt: null } });
  if (!release) throw new NotFoundError(`Release "${releaseKey}" not found`);
  const environment = await tx.environment.findFirst({ where: { teamId, key: environmentKey } });
  if (!environment) throw new NotFoundError(`Environment "${environmentKey}" not found`);
  const rollout = await tx.releaseRollout.findFirst({
    where: { releaseId: release.id, environmentId: environment.id },
    include: { cohorts: { include: { cohort: { select: { key: true } } } } },
  });
  if (!rollout) throw new NotFoundError(`Release "${releaseKey}" has no rollout in ${environment.name}`);
  return { release, environment, rollout };
}

export type LoadedRollout = Awaited<ReturnType<typeof loadRollout>>;

export function snapshotOf(rollout: LoadedRollout["rollout"]): RolloutSnapshot {
  return {
    status: toReleaseRollout(rollout).status,
    version: rollout.version,
    defaultBasisPoints: rollout.defaultBasisPoints,
    cohorts: Object.fromEntries(
      rollout.cohorts.map((c) => [c.cohort.key, c.basisPoints] as const).sort(([a], [b]) => a.localeCompare(b)),
    ),
    updatedByName: rollout.updatedByName,
    updatedAt: rollout.updatedAt.toISOString(),
  };
}
