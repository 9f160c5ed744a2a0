import "server-only";
import type { Db } from "@/lib/db/client";
import { toAuditEvent } from "@/lib/audit/audit-event-row";
import { toReleaseRollout } from "@/lib/rollouts/rollout-row";
import { NotFoundError } from "@/lib/errors/domain-errors";
import { metricsBackendFor } from "./backend-for";
import { readExposureColumns } from "./builtin/exposure-queries";
import { chartDataOf } from "./chart-columns";
import { chartCohorts, metricPanels, pickByKey } from "./chart-payload";
import { chartStep } from "./choose-step";
import { loadMetricDefinitions } from "./load-metric-definitions";
import type { MetricDefinitionView, SeriesRange } from "./metric-types";
import type { ReleaseChartColumns, ReleaseChartData, RolloutTimeline } from "./release-chart-types";
import { rolloutTimeline, type RolloutAuditRecord } from "./rollout-timeline";

export type ReleaseChartRequest = {
  team: { id: string; prometheusUrl: string | null; prometheusToken: string | null };
  releaseKey: string;
  environment: { id: string; key: string };
  range: { from: number; to: number };
  /** null: every metric of the team. */
  metricKeys: readonly string[] | null;
  /** null: every cohort and everyone else. */
  cohortKeys: readonly string[] | null;
  /** Whether backend errors may quote the backend (admins); default: summaries only. */
  showBackendDetails?: boolean;
};

/** The chart data with one object per point: what embeds draw from. */
export async function buildReleaseChartData(db: Db, request: ReleaseChartRequest): Promise<ReleaseChartData> {
  return chartDataOf(await buildReleaseChartColumns(db, request));
}

/**
 * Everything the release page's per-cohort charts draw for one release in one environment,
 * every series as parallel arrays (the chart API encodes them as they are).
 * Each metric is read on its own: one backend failing (Prometheus down, a bad query) becomes
 * an error on that metric's charts, never on the whole payload.
 */
export async function buildReleaseChartColumns(db: Db, request: ReleaseChartRequest): Promise<ReleaseChartColumns> {
  const { team, environment } = request;
  const release = await db.release.findFirst({
    where: { teamId: team.id, key: request.releaseKey, archivedAt: null },
    select: { id: true, key: true },
  });
  if (!release) throw new NotFoundError(`Release "${request.releaseKey}" not found`);

  const [teamCohorts, allDefinitions] = await Promise.all([
    db.cohort.findMany({
      where: { teamId: team.id, archivedAt: null },
      orderBy: { priority: "asc" },
      select: { key: true, name: true },
    }),
    loadMetricDefinitions(db, team.id),
  ]);
  const cohorts = chartCohorts(teamCohorts, request.cohortKeys);
  const definitions = pickByKey(allDefinitions, request.metricKeys, "metrics");
  const cohortKeys = cohorts.map((c) => c.key);
  const range: SeriesRange = { ...request.range, stepSeconds: chartStep(request.range.to - request.range.from) };

  const readMetric = async (metric: MetricDefinitionView) =>
    metricsBackendFor(metric, team, db).seriesColumns(
      { environmentId: environment.id, environmentKey: environment.key, releaseKey: release.key, cohortKeys, metric },
      range,
    );
  const [results, exposures, rollout] = await Promise.all([
    Promise.allSettled(definitions.map(readMetric)),
    readExposures(db, { environmentId: environment.id, releaseKey: release.key, cohortKeys }, range),
    readRolloutTimeline(
      db,
      { teamId: team.id, releaseId: release.id, environmentId: environment.id },
      cohortKeys,
      range,
    ),
  ]);

  return {
    range,
    cohorts,
    metrics: metricPanels(definitions, results, request.showBackendDetails ?? false),
    exposures,
    rollout,
  };
}

async function readExposures(
  db: Db,
  selector: { environmentId: string; releaseKey: string; cohortKeys: string[] },
  range: SeriesRange,
): Promise<ReleaseChartColumns["exposures"]> {
  try {
    return { series: await readExposureColumns(db, selector, range), error: null };
  } catch (error) {
    console.error("[metrics] reading exposures failed", error);
    return { series: [], error: "Could not read exposures (logged on the server)" };
  }
}

/** Rebuilt from the audit trail: the same events the release page lists, read as percentages. */
export async function readRolloutTimeline(
  db: Db,
  where: { teamId: string; releaseId: string; environmentId: string },
  cohortKeys: readonly string[],
  range: { from: number; to: number },
): Promise<RolloutTimeline> {
  const [stored, events] = await Promise.all([
    db.releaseRollout.findFirst({
      where: { releaseId: where.releaseId, environmentId: where.environmentId },
      include: { cohorts: { include: { cohort: { select: { key: true } } } } },
    }),
    db.auditEvent.findMany({
      where: { ...where, action: { startsWith: "rollout." }, createdAt: { gte: new Date(range.from) } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    }),
  ]);
  if (!stored) throw new NotFoundError("This release has no rollout in this environment");
  const rollout = toReleaseRollout(stored);
  const records: RolloutAuditRecord[] = events.map(toAuditEvent).map((e) => ({
    at: e.createdAt.getTime(),
    actorName: e.actorName,
    action: e.action,
    summary: e.summary,
    before: e.before,
    after: e.after,
  }));
  return rolloutTimeline({
    current: {
      status: rollout.status,
      defaultBasisPoints: rollout.defaultBasisPoints,
      cohorts: Object.fromEntries(rollout.cohorts.map((c) => [c.cohort.key, c.basisPoints])),
    },
    events: records,
    cohortKeys,
    range,
  });
}
