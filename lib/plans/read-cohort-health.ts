import "server-only";
import type { TeamAccess } from "@/lib/auth/require-role";
import { readDb } from "@/lib/db/transaction";
import {
  EVERYONE_ELSE_NAME,
  healthFromComparisons,
  healthFromGuardrails,
  sortWorstFirst,
  type CohortHealth,
} from "@/lib/domain/cohort-health";
import { DEFAULT_COHORT_KEY } from "@/lib/domain/evaluate";
import type { PlanStatus } from "@/lib/domain/plans/plan-types";
import { loadMetricDefinitions } from "@/lib/metrics/load-metric-definitions";
import type { MetricDefinitionView } from "@/lib/metrics/metric-types";
import { readCohortComparisons } from "@/lib/metrics/read-cohort-comparisons";
import { KEY_METRIC_COUNT, type HealthScope } from "@/lib/metrics/rollout-health";
import { PLAN_INCLUDE, toLoadedPlan } from "./load-plan";

/** Plans whose guardrails are judging the rollout now: their verdicts are the health. */
const JUDGING: readonly PlanStatus[] = ["running", "held", "paused"];

export type ReleaseHealth = {
  /** Every cohort and everyone else, worst first. */
  cohorts: CohortHealth[];
  /** Key metrics whose backend could not be read (their comparison is missing). */
  unavailable: string[];
  /** Whether a running plan's guardrails judged some of the cohorts. */
  guardrails: boolean;
};

function metricLabel(metric: MetricDefinitionView): string {
  return metric.kind === "latency" ? `${metric.name} p95` : metric.name;
}

/** What every release's health read in one environment shares: read once per page. */
export type CohortHealthScope = HealthScope & { teamId: string; allMetrics: MetricDefinitionView[] };

export async function loadCohortHealthScope(
  access: TeamAccess,
  environment: { id: string; key: string },
  now = Date.now(),
): Promise<CohortHealthScope> {
  const db = readDb();
  const [cohorts, metrics, team] = await Promise.all([
    db.cohort.findMany({
      where: { teamId: access.teamId, archivedAt: null },
      orderBy: { priority: "asc" },
      select: { key: true, name: true },
    }),
    loadMetricDefinitions(db, access.teamId),
    db.team.findUniqueOrThrow({
      where: { id: access.teamId },
      select: { prometheusUrl: true, prometheusToken: true },
    }),
  ]);
  return {
    teamId: access.teamId,
    team,
    environment: { id: environment.id, key: environment.key },
    cohorts,
    metrics: metrics.slice(0, KEY_METRIC_COUNT),
    allMetrics: metrics,
    now,
  };
}

/**
 * Per-cohort health of one release in one environment: where a rollout plan runs, its
 * guardrail verdicts for the cohorts it judges; for every other cohort, the team page's
 * comparison (key metrics, last 24 h). The release page's strip, its header and confirmations,
 * the approval cards, the team page's order and the approval policy's regression rule all read
 * this one function, so they never disagree. Reads the metrics backend: call it outside any
 * transaction.
 */
export async function readCohortHealth(
  access: TeamAccess,
  input: { environment: { id: string; key: string }; releaseKey: string },
  now = Date.now(),
): Promise<ReleaseHealth> {
  return cohortHealthIn(await loadCohortHealthScope(access, input.environment, now), input.releaseKey);
}

/** readCohortHealth within a scope loaded once (the team page reads every active rollout). */
export async function cohortHealthIn(scope: CohortHealthScope, releaseKey: string): Promise<ReleaseHealth> {
  const [planRow, { comparisons, unavailable }] = await Promise.all([
    readDb().rolloutPlan.findFirst({
      where: {
        teamId: scope.teamId,
        status: { in: [...JUDGING] },
        rollout: { environmentId: scope.environment.id, release: { key: releaseKey, teamId: scope.teamId } },
      },
      include: PLAN_INCLUDE,
      orderBy: { createdAt: "desc" },
    }),
    readCohortComparisons(scope, releaseKey),
  ]);
  const cohorts = [...scope.cohorts, { key: DEFAULT_COHORT_KEY, name: EVERYONE_ELSE_NAME }];
  const plan = planRow && toLoadedPlan(planRow);
  const verdictsOf = new Map(plan?.verdicts.cohorts.map((c) => [c.cohortKey, c.metrics]) ?? []);
  const metricName = (key: string) => {
    const metric = scope.allMetrics.find((m) => m.key === key);
    return metric ? metricLabel(metric) : key;
  };
  const health = cohorts.map((cohort) => {
    const verdicts = verdictsOf.get(cohort.key);
    if (verdicts?.length)
      return healthFromGuardrails(
        cohort,
        verdicts.map((v) => ({
          metricLabel: metricName(v.metricKey),
          state: v.state,
          estimate: v.estimate,
          tolerance: v.tolerance,
        })),
      );
    return healthFromComparisons(
      cohort,
      comparisons
        .filter((c) => c.cohortKey === cohort.key)
        .map((c) => ({ metricLabel: metricLabel(c.metric), comparison: c.comparison })),
    );
  });
  return {
    cohorts: sortWorstFirst(health),
    unavailable: unavailable.map((m) => m.name),
    guardrails: verdictsOf.size > 0,
  };
}
