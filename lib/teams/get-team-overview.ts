import "server-only";
import type { ChangeRequestView } from "@/lib/change-requests/change-request-view";
import { listChangeRequests } from "@/lib/approvals/list-change-requests";
import { listAuditEvents, type AuditEntry } from "@/lib/audit/list-audit-events";
import type { TeamContext } from "@/lib/auth/get-team-context";
import { readDb } from "@/lib/db/transaction";
import { listMetricDefinitions } from "@/lib/metrics/list-metric-definitions";
import {
  listActiveRollouts,
  pageSchema,
  ROLLOUTS_PER_PAGE,
  type ActiveRollout,
  type ActiveRolloutPage,
} from "./list-active-rollouts";
import { KEY_METRIC_COUNT, type HealthScope } from "@/lib/metrics/rollout-health";
import type { CohortHealth } from "@/lib/domain/cohort-health";
import { attentionFirst, type Attention } from "@/lib/domain/rollout-attention";
import { cohortHealthIn, loadCohortHealthScope } from "@/lib/plans/read-cohort-health";
import { listPlanSummaries, type PlanSummary } from "@/lib/plans/list-plan-summaries";

export const RECENT_ACTIVITY_COUNT = 10;
export const PENDING_SHOWN = 3;

export type OverviewRollout = ActiveRollout & {
  pendingRequests: number;
  attention: Attention;
  /** Its regressing cohorts, worst first (readCohortHealth). */
  regressing: CohortHealth[];
};

/** Past this many active rollouts the page orders by last change alone (health is read per row). */
export const ATTENTION_SORT_LIMIT = 200;

export type TeamOverview = {
  rollouts: Omit<ActiveRolloutPage, "rollouts"> & { rollouts: OverviewRollout[] };
  /** Pending change requests of the whole team (every environment), the oldest first: they expire first. */
  pending: { total: number; oldest: ChangeRequestView[] };
  activity: AuditEntry[];
  /** For readRolloutHealth, row by row, after the page is on its way (server-side only: holds the team's Prometheus settings). */
  health: HealthScope;
  /** Rollout plans of the rows on this page, by release key. */
  plans: Record<string, PlanSummary>;
};

/**
 * The team page: active rollouts in the environment in view, one page at a time (`page` from
 * the URL: anything but a page number is the first page), what needs attention first
 * (regressions, held or unwatched plans, pending approvals: see rollout-attention.ts), then the
 * most recently changed; with the pending approvals and the latest changes. Any member may
 * read. Ordering needs every active rollout's health (readCohortHealth); the charts in each row
 * are still read per row (see readRolloutHealth) and stream in.
 */
export async function getTeamOverview(
  context: TeamContext,
  query: { page?: unknown; pageSize?: number } = {},
  now = Date.now(),
): Promise<TeamOverview> {
  const { access, environment } = context;
  const pageSize = query.pageSize ?? ROLLOUTS_PER_PAGE;
  const [everything, requests, activity, metrics, team, healthScope] = await Promise.all([
    listActiveRollouts(context, { page: 1, pageSize: ATTENTION_SORT_LIMIT }),
    listChangeRequests(access, { decidedLimit: 0 }),
    listAuditEvents(access, { limit: RECENT_ACTIVITY_COUNT }),
    listMetricDefinitions(access),
    readDb().team.findUniqueOrThrow({
      where: { id: access.teamId },
      select: { prometheusUrl: true, prometheusToken: true },
    }),
    loadCohortHealthScope(access, environment, now),
  ]);

  const pendingHere = new Map<string, number>();
  for (const request of requests.pending) {
    if (!request.release || request.environment?.key !== environment.key) continue;
    pendingHere.set(request.release.key, (pendingHere.get(request.release.key) ?? 0) + 1);
  }
  // Past ATTENTION_SORT_LIMIT active rollouts the page orders by last change alone, page by page.
  const sorting = everything.total <= ATTENTION_SORT_LIMIT;
  const requested = pageSchema.parse(query.page);
  const listed = sorting ? everything : await listActiveRollouts(context, { page: requested, pageSize });
  const keys = listed.rollouts.map((r) => r.key);
  const [plans, healthOf] = await Promise.all([
    listPlanSummaries(context, { releaseKeys: keys }, now),
    Promise.all(
      listed.rollouts.map(async (r) =>
        healthScope.metrics.length === 0 ? [] : (await cohortHealthIn(healthScope, r.key)).cohorts,
      ),
    ),
  ]);
  const rows: OverviewRollout[] = listed.rollouts.map((r, i) => {
    const regressing = healthOf[i]!.filter((c) => c.state === "regressing");
    const plan = plans[r.key];
    const pendingRequests = pendingHere.get(r.key) ?? 0;
    return {
      ...r,
      pendingRequests,
      regressing,
      attention: {
        regressing: regressing.length,
        held: plan?.status === "held",
        stale: plan?.stale ?? false,
        pendingRequests,
      },
    };
  });
  let rollouts: TeamOverview["rollouts"];
  if (sorting) {
    const pageCount = Math.max(1, Math.ceil(everything.total / pageSize));
    // Past the end (a shared link after releases finished): the last page instead of nothing.
    const page = Math.min(requested, pageCount);
    const ordered = attentionFirst(rows, (r) => r.attention);
    rollouts = {
      rollouts: ordered.slice((page - 1) * pageSize, page * pageSize),
      total: everything.total,
      page,
      pageCount,
      pageSize,
      cohorts: everything.cohorts,
    };
  } else {
    rollouts = { ...listed, rollouts: rows };
  }
  return {
    rollouts,
    plans,
    pending: { total: requests.pending.length, oldest: requests.pending.slice(0, PENDING_SHOWN) },
    activity,
    health: {
      team,
      environment: { id: environment.id, key: environment.key },
      cohorts: everything.cohorts,
      metrics: metrics.slice(0, KEY_METRIC_COUNT),
      now,
    },
  };
}
