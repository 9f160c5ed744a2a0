import "server-only";
import { getDb, type Db } from "@/lib/db/client";
import type { ArmData, GuardrailMetricKind } from "@/lib/domain/guardrails/guardrail-types";
import { HLL_RELATIVE_ERROR } from "@/lib/domain/guardrails/sample-ratio";
import type { ArmPair, CohortData, TickData } from "@/lib/domain/plans/decide-plan-tick";
import type { CellShape } from "../builtin/aggregate-cell";
import { metricsBackendFor, type TeamMetricsSettings } from "../backend-for";
import {
  EXPOSURE_METRIC_KEY,
  MetricsBackendError,
  type MetricDefinitionView,
  type MetricKind,
  type MetricSummary,
  type Variant,
} from "../metric-types";
import { armOfCell, armOfSummary, distinctUsers } from "./arm-data";
import { guardrailSupport } from "./guardrail-support";
import { readWindowCells, type WindowCells } from "./window-cells";

export { guardrailSupport };

export type GuardrailDataRequest = {
  environmentId: string;
  environmentKey: string;
  releaseKey: string;
  /** "default" = everyone else. */
  cohortKeys: readonly string[];
  metrics: readonly MetricDefinitionView[];
  team: TeamMetricsSettings;
  /** Epoch ms: metric data from `since` (plan start) to `now`; exposures per variant from `stepSince` to `now`. */
  since: number;
  stepSince: number;
  now: number;
};

type Guarded = { metric: MetricDefinitionView; kind: GuardrailMetricKind };

const EXPOSURES = { metricKey: EXPOSURE_METRIC_KEY, shape: "exposure" } as const;

/** A metric whose backend failed, so the plan's hold can name it. */
class MetricReadError extends Error {
  constructor(
    readonly metric: MetricDefinitionView,
    readonly reason: unknown,
  ) {
    super(`Metric "${metric.key}": ${reason instanceof Error ? reason.message : String(reason)}`, { cause: reason });
  }
}

/**
 * What a plan's guardrails judge at one tick, per cohort: both arms of every metric cumulative
 * since the plan started, and exposed users per variant since the current step started.
 *
 * Built-in metrics and exposures come from merged stored buckets (two reads for every metric
 * and cohort together: the plan's window and the step's); Prometheus metrics from one summary
 * each. Metrics `guardrailSupport` refuses are left absent. Never throws: when anything can't
 * be read the answer is `ok: false` with a summary fit for any member (the plan holds), and the
 * full error goes to the log.
 */
export async function readGuardrailData(request: GuardrailDataRequest, db?: Db): Promise<TickData> {
  try {
    return { ok: true, cohorts: await readCohorts(request, db ?? getDb()) };
  } catch (error) {
    console.error(
      `[guardrails] metrics of release "${request.releaseKey}" in ${request.environmentKey} could not be read: ` +
        (error instanceof Error ? error.message : String(error)),
    );
    return { ok: false, error: summaryOf(error) };
  }
}

async function readCohorts(request: GuardrailDataRequest, db: Db): Promise<Record<string, CohortData>> {
  const guarded = request.metrics.flatMap((metric): Guarded[] => {
    const kind = guardedKind(metric.kind);
    return kind && guardrailSupport(metric).ok ? [{ metric, kind }] : [];
  });
  const builtin = guarded.filter((g) => g.metric.source === "builtin");
  const prometheus = guarded.filter((g) => g.metric.source === "prometheus");
  const needsUsers = guarded.some((g) => g.kind === "count");
  const scope = {
    environmentId: request.environmentId,
    releaseKey: request.releaseKey,
    cohortKeys: request.cohortKeys,
  };
  const planSeries = builtin.map((g) => ({ metricKey: g.metric.key, shape: shapeOf(g.kind) }));

  const [planCells, stepCells, summaries] = await Promise.all([
    readWindowCells(db, scope, needsUsers ? [...planSeries, EXPOSURES] : planSeries, {
      from: request.since,
      to: request.now,
    }),
    readWindowCells(db, scope, [EXPOSURES], { from: request.stepSince, to: request.now }),
    Promise.all(prometheus.map((g) => readSummary(g.metric, request, db))),
  ]);

  const cohorts: Record<string, CohortData> = {};
  for (const cohortKey of request.cohortKeys) {
    const usersIn = (cells: WindowCells) => ({
      treatment: distinctUsers(cells(EXPOSURE_METRIC_KEY, cohortKey, "treatment")),
      control: distinctUsers(cells(EXPOSURE_METRIC_KEY, cohortKey, "control")),
    });
    const planUsers = needsUsers ? usersIn(planCells) : { treatment: 0, control: 0 };
    const metrics: Record<string, ArmPair | undefined> = {};
    for (const { metric, kind } of builtin) {
      metrics[metric.key] = pair((variant) =>
        armOfCell(kind, planCells(metric.key, cohortKey, variant), planUsers[variant]),
      );
    }
    prometheus.forEach(({ metric, kind }, i) => {
      // Refused by guardrailSupport: Prometheus has no distribution to merge.
      if (kind === "latency") return;
      const summary = (variant: Variant) =>
        summaries[i]!.find((s) => s.cohortKey === cohortKey && s.variant === variant && s.stat === "value");
      metrics[metric.key] = pair((variant) => armOfSummary(kind, summary(variant), planUsers[variant]));
    });
    // Distinct users come from HyperLogLog sketches: the sample-ratio check allows for their error.
    cohorts[cohortKey] = { metrics, exposures: { ...usersIn(stepCells), relativeError: HLL_RELATIVE_ERROR } };
  }
  return cohorts;
}

async function readSummary(
  metric: MetricDefinitionView,
  request: GuardrailDataRequest,
  db: Db,
): Promise<MetricSummary[]> {
  // An empty window has no data, and Prometheus refuses a zero range.
  if (!(request.now > request.since)) return [];
  const { environmentId, environmentKey, releaseKey, cohortKeys } = request;
  try {
    return await metricsBackendFor(metric, request.team, db).summary(
      { environmentId, environmentKey, releaseKey, cohortKeys, metric },
      { from: request.since, to: request.now },
    );
  } catch (error) {
    throw new MetricReadError(metric, error);
  }
}

function guardedKind(kind: MetricKind): GuardrailMetricKind | null {
  return kind === "mean" ? null : kind;
}

function shapeOf(kind: GuardrailMetricKind): CellShape {
  return kind === "latency" ? "latency" : "plain";
}

function pair(arm: (variant: Variant) => ArmData): ArmPair {
  return { treatment: arm("treatment"), control: arm("control") };
}

/** Words any member may see: a backend's own summary (never what it said), or ours. */
function summaryOf(error: unknown): string {
  if (error instanceof MetricReadError) {
    const reason =
      error.reason instanceof MetricsBackendError ? error.reason.summary : "its backend could not be asked";
    return `Metric "${error.metric.name}" could not be read: ${reason}`;
  }
  return "Glidepath's metrics store could not be read";
}
