import "server-only";
import type { ChangeRequestView } from "@/lib/change-requests/change-request-view";
import { listChangeRequests } from "@/lib/approvals/list-change-requests";
import { listAuditEvents, type AuditEntry } from "@/lib/audit/list-audit-events";
import type { TeamContext } from "@/lib/auth/get-team-context";
import { readDb } from "@/lib/db/transaction";
import { listMetricDefinitions } from "@/lib/metrics/list-metric-definitions";
import { listActiveRollouts, pageSchema, type ActiveRollout, type ActiveRolloutPage } from "./list-active-rollouts";
import { KEY_METRIC_COUNT, type HealthScope } from "@/lib/metrics/rollout-health";

export const RECENT_ACTIVITY_COUNT = 10;
export const PENDING_SHOWN = 3;

export type OverviewRollout = ActiveRollout & { pendingRequests: number };

export type TeamOverview = {
  rollouts: Omit<ActiveRolloutPage, "rollouts"> & { rollouts: OverviewRollout[] };
  /** Pending change requests of the whole team (every environment), the oldest first: they expire first. */
  pending: { total: number; oldest: ChangeRequestView[] };
  activity: AuditEntry[];
  /** For readRolloutHealth, row by row, after the page is on its way (server-side only: holds the team's Prometheus settings). */
  health: HealthScope;
};

/**
 * The team page: active rollouts in the environment in view, one page at a time (`page` from
 * the URL: anything but a page number is the first page), with what a release manager checks
 * first — pending approvals and the latest changes. Any member may read. Metric health is read
 * separately per row (see readRolloutHealth) so the page never waits for a metrics backend.
 */
export async function getTeamOverview(
  context: TeamContext,
  query: { page?: unknown; pageSize?: number } = {},
  now = Date.now(),
): Promise<TeamOverview> {
  const { access, environment } = context;
  const [page, requests, activity, metrics, team] = await Promise.all([
    listActiveRollouts(context, { page: pageSchema.parse(query.page), pageSize: query.pageSize }),
    listChangeRequests(access, { decidedLimit: 0 }),
    listAuditEvents(access, { limit: RECENT_ACTIVITY_COUNT }),
    listMetricDefinitions(access),
    readDb().team.findUniqueOrThrow({
      where: { id: access.teamId },
      select: { prometheusUrl: true, prometheusToken: true },
    }),
  ]);

  const pendingHere = new Map<string, number>();
  for (const request of requests.pending) {
    if (!request.release || request.environment?.key !== environment.key) continue;
    pendingHere.set(request.release.key, (pendingHere.get(request.release.key) ?? 0) + 1);
  }
  return {
    rollouts: { ...page, rollouts: page.rollouts.map((r) => ({ ...r, pendingRequests: pendingHere.get(r.key) ?? 0 })) },
    pending: { total: requests.pending.length, oldest: requests.pending.slice(0, PENDING_SHOWN) },
    activity,
    health: {
      team,
      environment: { id: environment.id, key: environment.key },
      cohorts: page.cohorts,
      metrics: metrics.slice(0, KEY_METRIC_COUNT),
      now,
    },
  };
}
