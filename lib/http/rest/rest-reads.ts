import "server-only";
import { getTeamAccess } from "@/lib/auth/get-team-access";
import { getTeamContext } from "@/lib/auth/get-team-context";
import { listCohorts } from "@/lib/cohorts/list-cohorts";
import { getRelease } from "@/lib/releases/get-release";
import { getRolloutSnapshot } from "@/lib/releases/get-rollout-snapshot";
import { findReleases } from "@/lib/releases/list-releases";
import { releaseListQuerySchema } from "@/lib/domain/release-list-filter";
import { parseQueryStrictly } from "@/lib/validation/parse-query";
import type { RestPrincipal } from "./authenticate-api-key";
import type { RestReleaseDetail } from "./rest-schemas";
import { restCohort, restReleaseSummary, restRollout, rolloutState } from "./rest-views";

/**
 * GET /api/v1/releases: one environment (default: production, else the last one), optionally
 * searched (?q=), filtered (?status=, ?owner=) and sorted (?sort=); a bad value is a 400 naming it.
 */
export async function restListReleases(principal: RestPrincipal, search: URLSearchParams) {
  const query = parseQueryStrictly(releaseListQuerySchema.partial(), Object.fromEntries(search));
  const context = await getTeamContext(principal.actor, principal.teamSlug, search.get("environment"));
  const { releases, ownerIgnored } = await findReleases(context, query);
  return {
    environment: { key: context.environment.key, name: context.environment.name },
    // An owner who owns nothing here: nothing matches (the page says so and shows all instead).
    releases: ownerIgnored ? [] : releases.map(restReleaseSummary),
  };
}

/** GET /api/v1/releases/{key}: the release with its rollout in every environment. */
export async function restGetRelease(principal: RestPrincipal, releaseKey: string): Promise<RestReleaseDetail> {
  const release = await getRelease(await getTeamAccess(principal.actor, principal.teamSlug), { releaseKey });
  return {
    key: release.key,
    name: release.name,
    description: release.description,
    owner: release.ownerName,
    critical: release.critical,
    createdAt: release.createdAt.toISOString(),
    rollouts: release.rollouts.map(({ environment, ...rollout }) => ({ environment, ...rolloutState(rollout) })),
  };
}

/** GET /api/v1/releases/{key}/environments/{env}: what a change is made against. */
export async function restGetRollout(principal: RestPrincipal, releaseKey: string, environmentKey: string) {
  const rollout = await getRolloutSnapshot(await getTeamAccess(principal.actor, principal.teamSlug), {
    releaseKey,
    environmentKey,
  });
  return restRollout(rollout.releaseKey, rollout.environmentKey, rollout.snapshot);
}

export async function restListCohorts(principal: RestPrincipal) {
  const access = await getTeamAccess(principal.actor, principal.teamSlug);
  return { cohorts: (await listCohorts(access)).map(restCohort) };
}
