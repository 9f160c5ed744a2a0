import { formatHarm } from "@/lib/domain/plans/describe-verdict";
import type { PlanDefinition } from "@/lib/domain/plans/plan-types";
import { describeGates, describeTargets, type CohortName } from "./plan-words";

/** A template's steps and guardrails in a few lines, for the templates list. */
export function TemplateSummary({
  definition,
  cohorts,
  metrics,
}: {
  definition: PlanDefinition;
  cohorts: readonly CohortName[];
  metrics: readonly { key: string; name: string }[];
}) {
  const guards = definition.guardrails.metrics.map((m) => {
    const name = metrics.find((x) => x.key === m.metricKey)?.name ?? m.metricKey;
    const quantile = m.quantile === null ? "" : ` p${Math.round(m.quantile * 100)}`;
    const action = m.onBreach === "rollback" ? "roll back" : "that cohort to 0%";
    return `${name}${quantile} (${formatHarm(m.tolerance.value, m.tolerance.kind)}, ${action})`;
  });
  return (
    <div className="space-y-2 text-sm">
      <ol className="space-y-0.5">
        {definition.steps.map((step, i) => (
          <li key={i}>
            <span className="font-medium">Step {i + 1}:</span> {describeTargets(step, null, cohorts)}
            <span className="muted"> · {describeGates(step).join(", ") || "at once"}</span>
          </li>
        ))}
      </ol>
      <p className="muted text-xs">{guards.length ? `Guarded by ${guards.join("; ")}` : "No guardrails"}</p>
    </div>
  );
}
