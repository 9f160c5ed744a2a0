import "server-only";
import type { Tx } from "@/lib/db/client";
import { EVERYONE_ELSE, type PlanDefinition } from "@/lib/domain/plans/plan-types";
import { ValidationError } from "@/lib/errors/domain-errors";
import { loadMetricDefinitions } from "@/lib/metrics/load-metric-definitions";
import { guardrailSupport } from "@/lib/metrics/guardrail-data/guardrail-support";

/**
 * The cohorts and metrics a plan names exist in the team, and each guardrail fits its metric:
 * a quantile for latency, absolute tolerances only for error rates. Field errors name the step
 * or guardrail at fault.
 */
export async function checkPlanReferences(tx: Tx, teamId: string, definition: PlanDefinition, prefix = "definition") {
  const errors: Record<string, string[]> = {};
  const keys = new Set(definition.steps.flatMap((step) => Object.keys(step.targets)));
  keys.delete(EVERYONE_ELSE);
  const cohorts = await tx.cohort.findMany({
    where: { teamId, key: { in: [...keys] }, archivedAt: null },
    select: { key: true },
  });
  const known = new Set(cohorts.map((c) => c.key));
  definition.steps.forEach((step, i) => {
    for (const key of Object.keys(step.targets)) {
      if (key !== EVERYONE_ELSE && !known.has(key))
        errors[`${prefix}.steps.${i}.targets.${key}`] = [`Unknown cohort "${key}"`];
    }
  });
  const metrics = await loadMetricDefinitions(tx, teamId);
  definition.guardrails.metrics.forEach((spec, i) => {
    const field = `${prefix}.guardrails.metrics.${i}`;
    const metric = metrics.find((m) => m.key === spec.metricKey);
    if (!metric) {
      errors[`${field}.metricKey`] = [`Unknown metric "${spec.metricKey}"`];
      return;
    }
    const support = guardrailSupport(metric);
    if (!support.ok) errors[`${field}.metricKey`] = [support.why];
    else if (metric.kind === "latency" && spec.quantile === null)
      errors[`${field}.quantile`] = ["Choose the quantile to guard (p50, p95 or p99)"];
    else if (metric.kind !== "latency" && spec.quantile !== null)
      errors[`${field}.quantile`] = ["Only latency metrics have quantiles"];
    if (spec.tolerance.kind === "absolute" && metric.kind !== "error_rate")
      errors[`${field}.tolerance.kind`] = ["Absolute tolerances (percentage points) are for error rates only"];
  });
  if (Object.keys(errors).length) throw new ValidationError(errors);
}
