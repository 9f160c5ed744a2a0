import "server-only";
import { getDb } from "@/lib/db/client";
import type { ReleaseStatus } from "@/lib/domain/rollout-state";
import { NAMED_RANGES, type NamedRange } from "@/lib/metrics/choose-step";
import { buildReleaseChartData } from "@/lib/metrics/release-chart-data";
import { loadGuardrailMetricKeys } from "@/lib/plans/load-guardrail-metric-keys";
import type { ReleaseChartData } from "@/lib/metrics/release-chart-types";
import { toReleaseRollout } from "@/lib/rollouts/rollout-row";
import { withCohortsThatHaveData } from "./embed-defaults";
import type { ResolvedEmbed } from "./resolve-embed-link";

export type EmbedChartData = {
  release: { name: string };
  environment: { name: string };
  status: ReleaseStatus;
  range: NamedRange;
  data: ReleaseChartData;
  /** Percent each chosen cohort gets now (after status overrides), by cohort key. */
  percentNow: Record<string, number>;
  /** How the cohorts and metrics were chosen when the link doesn't pin them. */
  choice: EmbedChoice;
};

export type EmbedChoice = {
  /** "with_data": the link pins none, so only cohorts with data in the range; `leftOut` the others. */
  cohorts: { kind: "pinned" } | { kind: "with_data"; leftOut: number };
  /** "guardrails": the link pins none and the release's rollout plan guards these. */
  metrics: "pinned" | "guardrails" | "all";
};

/**
 * Exactly the link's release, environment, cohorts and metrics: nothing else is read. A link
 * that doesn't pin its metrics shows the release's guardrail metrics when a rollout plan
 * guards some (all metrics otherwise); one that doesn't pin its cohorts, those with data.
 */
export async function embedChartData(
  resolved: Extract<ResolvedEmbed, { kind: "ok" }>,
  now = Date.now(),
): Promise<EmbedChartData> {
  const { link } = resolved;
  const { range, cohortKeys } = link;
  const db = getDb();
  const guarded = link.metricKeys.length ? [] : await guardrailMetrics(link);
  const metricKeys = link.metricKeys.length ? link.metricKeys : guarded;
  const [full, rollout] = await Promise.all([
    buildReleaseChartData(db, {
      team: link.team,
      releaseKey: link.release.key,
      environment: { id: link.environment.id, key: link.environment.key },
      range: { from: now - NAMED_RANGES[range], to: now },
      metricKeys: metricKeys.length ? metricKeys : null,
      cohortKeys: cohortKeys.length ? cohortKeys : null,
      // Anyone with the link sees the chart: a failing backend is named by its summary only.
      showBackendDetails: false,
    }),
    db.releaseRollout.findFirst({
      where: { releaseId: link.releaseId, environmentId: link.environmentId },
      select: { id: true, status: true },
    }),
  ]);
  const narrowed = cohortKeys.length ? null : withCohortsThatHaveData(full);
  const data = narrowed?.data ?? full;
  const last = data.rollout.changes.at(-1)?.percentByCohort ?? data.rollout.initial;
  return {
    release: { name: link.release.name },
    environment: { name: link.environment.name },
    status: rollout ? toReleaseRollout(rollout).status : "draft",
    range,
    data,
    percentNow: last,
    choice: {
      cohorts: narrowed ? { kind: "with_data", leftOut: narrowed.leftOut } : { kind: "pinned" },
      metrics: link.metricKeys.length ? "pinned" : guarded.length ? "guardrails" : "all",
    },
  };
}

/** The plan's guardrail metrics that still exist (a deleted metric is skipped, not an error). */
async function guardrailMetrics(link: Extract<ResolvedEmbed, { kind: "ok" }>["link"]): Promise<string[]> {
  const db = getDb();
  const keys = await loadGuardrailMetricKeys(db, { releaseId: link.releaseId, environmentId: link.environmentId });
  if (keys.length === 0) return [];
  const existing = await db.metricDefinition.findMany({
    where: { teamId: link.teamId, key: { in: keys } },
    select: { key: true },
  });
  const known = new Set(existing.map((m) => m.key));
  return keys.filter((key) => known.has(key));
}
