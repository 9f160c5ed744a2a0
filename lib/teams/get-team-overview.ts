import "server-only";
import type { ChangeRequestView } from "@/lib/change-requests/change-request-view";
import { listChangeRequests } from "@/lib/approvals/list-change-requests";
import { listAuditEvents, type AuditEntry } from "@/lib/audit/list-audit-events";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { readDb } from "@/lib/db/transaction";
import { listMetricDefinitions } from "@/lib/metrics/list-metric-definitions";
import { getTeamContext, type TeamContext } from "@/lib/auth/get-team-context";
import { listActiveRollouts, pageSchema, type ActiveRollout, type ActiveRolloutPage } from "./list-active-rollouts";
import { KEY_METRIC_COUNT, type HealthScope } from "@/lib/metrics/rollout-health";

export const RECENT_ACTIVITY_COUNT = 10;
export const PENDING_SHOWN = 3;

export type OverviewRollout = ActiveRollout & { pendingRequests: number };

export type TeamOverview = TeamContext & {
  rollouts: Omit<ActiveRolloutPage, "rollouts"> & { rollouts: OverviewRollout[] };
  /** Pending change requests of the whole team (every environment), the oldest first: they expire first. */
  pending: { total: number; oldest: ChangeRequestView[] };
  activity: AuditEntry[];
  /** For readRolloutHealth, row by row, after the page is on its way (server-side only: holds the team's Prometheus settings). */
  health: HealthScope;
};

/**
 * The team page: active rollouts in one environment, one page at a time, with what a release
 * manager checks first — pending approvals and the latest changes. Any member may read; for
 * anyone else the team does not exist. Metric health is read separately per row (see
 * readRolloutHealth) so the page never waits for a metrics backend.
 */
export async function getTeamOverview(
  actor: Actor | null,
  teamSlug: string,
  query: { env?: string | null; page?: unknown; pageSize?: number } = {},
  now = Date.now(),
): Promise<TeamOverview> {
  const context = await getTeamContext(actor, teamSlug, query.env);
  const { access, environment } = context;
  const db = readDb();
  const [page, requests, activity, metrics, team] = await Promise.all([
    listActiveRollouts(db, { teamId: access.teamId, environmentId: environment.id }, pageSchema.parse(query.page), query.pageSize),
    listChangeRequests(actor, teamSlug, { decidedLimit: 0 }),
    listAuditEvents(access.teamId, {}, RECENT_ACTIVITY_COUNT),
    listMetricDefinitions(db, access.teamId),
    db.team.findUniqueOrThrow({ where: { id: access.teamId }, select: { prometheusUrl: true, prometheusToken: true } }),
  ]);

  const pendingHere = new Map<string, number>();
  for (const request of requests.pending) {
    if (!request.release || request.environment?.key !== environment.key) continue;
    pendingHere.set(request.release.key, (pendingHere.get(request.release.key) ?? 0) + 1);
  }
  return {
    ...context,
    rollouts: { ...page, rollouts: page.rollouts.map((r) => ({ ...r, pendingRequests: pendingHere.get(r.key) ?? 0 })) },
    pending: { total: requests.pending.length, oldest: requests.pending.slice(0, PENDING_SHOWN) },
    activity,
    health: {
      db: getDb(),
      team,
      environment: { id: environment.id, key: environment.key },
      cohorts: page.cohorts,
      metrics: metrics.slice(0, KEY_METRIC_COUNT),
      now,
    },
  };
}
