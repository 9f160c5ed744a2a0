import "server-only";
import { getDb } from "@/lib/db/client";
import { DEFAULT_COHORT_KEY } from "@/lib/domain/evaluate";
import { pickWorstCohort, type VariantComparison } from "@/lib/domain/metric-comparison";
import { metricsBackendFor, type TeamMetricsSettings } from "./backend-for";
import { readExposureSeries } from "./builtin/exposure-queries";
import type { MetricDefinitionView, MetricPoint, MetricSeriesResult, MetricStat } from "./metric-types";
import { comparesPerExposedUser, perExposedUser } from "./per-exposed-user";
import type { ExposureSeries } from "./release-chart-types";

/** The health column reads the last 24 hours in hourly steps: one stored row per point. */
export const HEALTH_RANGE_MS = 24 * 3_600_000;
export const HEALTH_STEP_SECONDS = 3600;

/** How many of the team's metrics (first by position) the health column shows. */
export const KEY_METRIC_COUNT = 2;

/** Everything readRolloutHealth needs, made once per page by getTeamOverview (a member's read). */
export type HealthScope = {
  team: TeamMetricsSettings;
  environment: { id: string; key: string };
  cohorts: { key: string; name: string }[];
  metrics: MetricDefinitionView[];
  now: number;
};

export type HealthPoint = { t: number; v: number | null };

export type MetricHealth =
  | { metric: MetricDefinitionView; stat: MetricStat; state: "unavailable" }
  | { metric: MetricDefinitionView; stat: MetricStat; state: "no_data" }
  | {
      metric: MetricDefinitionView;
      stat: MetricStat;
      state: "ok";
      cohort: { key: string; name: string };
      basis: "worst" | "busiest";
      range: { from: number; to: number };
      treatment: HealthPoint[];
      control: HealthPoint[];
      /** The latest step with a value, per variant. */
      last: { treatment: number | null; control: number | null };
      comparison: VariantComparison;
    };

/** Latency is judged on p95 (what users at the slow end feel); every other kind has one value. */
export function healthStat(metric: MetricDefinitionView): MetricStat {
  return metric.kind === "latency" ? "p95" : "value";
}

function onGrid(points: readonly MetricPoint[], grid: readonly number[]): HealthPoint[] {
  const byT = new Map(points.map((p) => [p.t, p.value]));
  return grid.map((t) => ({ t, v: byT.get(t) ?? null }));
}

function lastValue(points: readonly HealthPoint[]): number | null {
  for (let i = points.length - 1; i >= 0; i--) if (points[i]!.v !== null) return points[i]!.v;
  return null;
}

/** Reads one metric for every cohort of one release and keeps the cohort that looks worst. */
async function readMetricHealth(
  scope: HealthScope,
  releaseKey: string,
  metric: MetricDefinitionView,
): Promise<MetricHealth> {
  const stat = healthStat(metric);
  const stepMs = HEALTH_STEP_SECONDS * 1000;
  const to = scope.now;
  const from = Math.floor((to - HEALTH_RANGE_MS) / stepMs) * stepMs + stepMs;
  const cohortKeys = [...scope.cohorts.map((c) => c.key), DEFAULT_COHORT_KEY];
  const perUser = comparesPerExposedUser(metric);
  const range = { from, to, stepSeconds: HEALTH_STEP_SECONDS };
  let results: MetricSeriesResult[];
  let exposures: ExposureSeries[] = [];
  try {
    [results, exposures] = await Promise.all([
      metricsBackendFor(metric, scope.team, getDb()).series(
        { environmentId: scope.environment.id, environmentKey: scope.environment.key, releaseKey, cohortKeys, metric },
        range,
      ),
      perUser
        ? readExposureSeries(getDb(), { environmentId: scope.environment.id, releaseKey, cohortKeys }, range)
        : Promise.resolve([]),
    ]);
  } catch (error) {
    // The backend's message may hold a URL or a query: logged here, shown as "—" on the page.
    console.error(`[team page] reading ${metric.key} for ${releaseKey} failed`, error);
    return { metric, stat, state: "unavailable" };
  }
  const rawPointsOf = (cohortKey: string, variant: "treatment" | "control") =>
    results.find((r) => r.cohortKey === cohortKey && r.variant === variant && r.stat === stat)?.points ?? [];
  // A count compared raw makes the smaller arm look worse: per exposed user of each arm, it is
  // compared like a mean (weighted by the users behind each step).
  const pointsOf = (cohortKey: string, variant: "treatment" | "control"): MetricPoint[] =>
    perUser
      ? perExposedUser(
          rawPointsOf(cohortKey, variant),
          exposures.find((e) => e.cohortKey === cohortKey && e.variant === variant)?.points ?? [],
        )
      : rawPointsOf(cohortKey, variant);
  const compared = perUser ? { kind: "mean" as const, badDirection: metric.badDirection } : metric;
  const shown = perUser ? { ...metric, unit: `${metric.unit ? `${metric.unit} ` : ""}per exposed user` } : metric;
  const pick = pickWorstCohort(
    compared,
    cohortKeys.map((cohortKey) => ({
      cohortKey,
      treatment: pointsOf(cohortKey, "treatment"),
      control: pointsOf(cohortKey, "control"),
    })),
  );
  if (!pick) return { metric: shown, stat, state: "no_data" };

  const grid = Array.from({ length: Math.floor((to - from) / stepMs) + 1 }, (_, i) => from + i * stepMs);
  const treatment = onGrid(pointsOf(pick.cohortKey, "treatment"), grid);
  const control = onGrid(pointsOf(pick.cohortKey, "control"), grid);
  const name =
    scope.cohorts.find((c) => c.key === pick.cohortKey)?.name ??
    (pick.cohortKey === DEFAULT_COHORT_KEY ? "Everyone else" : pick.cohortKey);
  return {
    metric: shown,
    stat,
    state: "ok",
    cohort: { key: pick.cohortKey, name },
    basis: pick.basis,
    range: { from: grid[0]!, to: grid.at(-1)! },
    treatment,
    control,
    last: { treatment: lastValue(treatment), control: lastValue(control) },
    comparison: pick.comparison,
  };
}

/**
 * The health column of one row of the team page: for each key metric, treatment against
 * control over the last 24 hours in the cohort where treatment looks worst. Each metric is read
 * on its own, so one failing backend blanks only its own cell.
 */
export function readRolloutHealth(scope: HealthScope, releaseKey: string): Promise<MetricHealth[]> {
  return Promise.all(scope.metrics.map((metric) => readMetricHealth(scope, releaseKey, metric)));
}
