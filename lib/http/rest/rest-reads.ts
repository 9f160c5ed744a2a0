import "server-only";
import { requireRole } from "@/lib/auth/require-role";
import { listCohorts } from "@/lib/cohorts/list-cohorts";
import { readDb } from "@/lib/db/transaction";
import type { ReleaseStatus } from "@/lib/domain/rollout-state";
import { NotFoundError } from "@/lib/errors/domain-errors";
import { listReleases } from "@/lib/releases/list-releases";
import { loadRollout, snapshotOf } from "@/lib/rollouts/load-rollout";
import { getTeamContext } from "@/lib/auth/get-team-context";
import type { RestPrincipal } from "./authenticate-api-key";
import type { RestReleaseDetail } from "./rest-schemas";
import { restCohort, restReleaseSummary, restRollout, rolloutState } from "./rest-views";

/** GET /api/v1/releases: one environment (default: production, else the last one). */
export async function restListReleases(principal: RestPrincipal, environmentKey: string | null) {
  const { access, environment } = await getTeamContext(principal.actor, principal.teamSlug, environmentKey);
  const releases = await listReleases(access.teamId, environment.id);
  return { environment: { key: environment.key, name: environment.name }, releases: releases.map(restReleaseSummary) };
}

/** GET /api/v1/releases/{key}: the release with its rollout in every environment. */
export async function restGetRelease(principal: RestPrincipal, releaseKey: string): Promise<RestReleaseDetail> {
  const db = readDb();
  const access = await requireRole(db, principal.actor, principal.teamSlug, "viewer");
  // Tenant filter inside the where: another team's release is simply not found.
  const release = await db.release.findFirst({
    where: { teamId: access.teamId, key: releaseKey, archivedAt: null },
    include: {
      owner: { select: { name: true } },
      rollouts: { include: { environment: { select: { key: true, name: true, position: true } }, cohorts: { include: { cohort: { select: { key: true } } } } } },
    },
  });
  if (!release) throw new NotFoundError(`Release "${releaseKey}" not found`);
  return {
    key: release.key,
    name: release.name,
    description: release.description,
    owner: release.owner?.name ?? null,
    critical: release.critical,
    createdAt: release.createdAt.toISOString(),
    rollouts: release.rollouts
      .sort((a, b) => a.environment.position - b.environment.position)
      .map((r) => ({
        environment: { key: r.environment.key, name: r.environment.name },
        ...rolloutState({
          status: r.status as ReleaseStatus,
          version: r.version,
          defaultBasisPoints: r.defaultBasisPoints,
          cohorts: r.cohorts.map((c) => ({ key: c.cohort.key, basisPoints: c.basisPoints })).sort((a, b) => a.key.localeCompare(b.key)),
          updatedAt: r.updatedAt,
          updatedByName: r.updatedByName,
        }),
      })),
  };
}

/** GET /api/v1/releases/{key}/environments/{env}: what a change is made against. */
export async function restGetRollout(principal: RestPrincipal, releaseKey: string, environmentKey: string) {
  const db = readDb();
  const access = await requireRole(db, principal.actor, principal.teamSlug, "viewer");
  const { release, environment, rollout } = await loadRollout(db, access.teamId, releaseKey, environmentKey);
  return restRollout(release.key, environment.key, snapshotOf(rollout));
}

export async function restListCohorts(principal: RestPrincipal) {
  const access = await requireRole(readDb(), principal.actor, principal.teamSlug, "viewer");
  return { cohorts: (await listCohorts(access.teamId)).map(restCohort) };
}
