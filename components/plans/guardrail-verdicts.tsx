import { RelativeTime } from "@/components/common/relative-time";
import { formatBasisPoints } from "@/lib/domain/percent";
import type { GuardrailSpec } from "@/lib/domain/plans/plan-types";
import type { GuardrailReadingView } from "@/lib/plans/get-release-plan";
import type { PlanView } from "@/lib/plans/plan-view";
import { GuardrailTile, metricLabel, type TileMetric } from "./guardrail-tile";
import { cohortName, type CohortName } from "./plan-words";

type Props = {
  plan: PlanView;
  cohorts: readonly CohortName[];
  metrics: readonly { key: string; name: string; kind: TileMetric["kind"] }[];
  readings: Record<string, GuardrailReadingView[]>;
};

const count = new Intl.NumberFormat("en-US");

function share(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

function tileMetric(spec: GuardrailSpec, metrics: Props["metrics"]): TileMetric {
  const metric = metrics.find((m) => m.key === spec.metricKey);
  return {
    key: spec.metricKey,
    name: metric?.name ?? spec.metricKey,
    kind: metric?.kind ?? "count",
    quantile: spec.quantile,
  };
}

/** The guardrails' last verdict per cohort × metric, with the sample ratio where it is off. */
export function GuardrailVerdicts({ plan, cohorts, metrics, readings }: Props) {
  const specs = plan.definition.guardrails.metrics;
  if (specs.length === 0)
    return <p className="muted text-sm">No guardrails: this plan moves on bake time (and people) alone.</p>;
  const judged = plan.verdicts.cohorts;
  if (judged.length === 0)
    return (
      <div className="space-y-1 text-sm">
        <p>
          Guarded by {specs.map((s) => metricLabel(tileMetric(s, metrics))).join(", ")}, per cohort, treatment against
          control.
        </p>
        <p className="muted text-xs">
          {plan.status === "draft" || plan.status === "pending"
            ? "Verdicts appear here once the plan runs: the controller looks every minute."
            : "No verdict yet: only cohorts between 0% and 100% have a treatment and a control to compare."}
        </p>
      </div>
    );
  return (
    <div className="space-y-4">
      {judged.map((cohort) => {
        const name = cohortName(cohorts, cohort.cohortKey);
        const ratio = cohort.sampleRatio;
        return (
          <section key={cohort.cohortKey} aria-label={`Guardrails in ${name}`} className="space-y-2">
            <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
              <h3 className="text-sm font-semibold">
                {name} <span className="muted font-normal">at {formatBasisPoints(cohort.basisPoints)}</span>
              </h3>
              {ratio && !ratio.mismatch && ratio.observedShare !== null && (
                <p className="muted text-xs">
                  Sample ratio fine: {share(ratio.observedShare)} got it, {share(ratio.expectedShare)} expected
                </p>
              )}
            </div>
            {ratio?.mismatch && (
              <p
                role="alert"
                className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100"
              >
                <span className="font-medium">Sample ratio mismatch in {name}:</span>{" "}
                {ratio.observedShare === null ? "?" : share(ratio.observedShare)} of exposed users got the release,{" "}
                {share(ratio.expectedShare)} expected ({count.format(ratio.samples.treatment)} vs{" "}
                {count.format(ratio.samples.control)}). The comparison can&apos;t be trusted until it is fixed.
              </p>
            )}
            <div className="grid grid-cols-[repeat(auto-fill,minmax(min(100%,16rem),1fr))] gap-3">
              {specs.map((spec) => {
                const verdict = cohort.metrics.find((m) => m.metricKey === spec.metricKey);
                if (!verdict) return null;
                return (
                  <GuardrailTile
                    key={spec.metricKey}
                    verdict={verdict}
                    metric={tileMetric(spec, metrics)}
                    cohortName={name}
                    readings={readings[`${cohort.cohortKey}|${spec.metricKey}`] ?? []}
                  />
                );
              })}
            </div>
          </section>
        );
      })}
      {plan.verdicts.at && (
        <p className="muted text-xs">
          Last judged <RelativeTime date={new Date(plan.verdicts.at)} />, on everything since the plan started.
          Intervals are anytime-valid: looking often doesn&apos;t raise false alarms.
        </p>
      )}
    </div>
  );
}
