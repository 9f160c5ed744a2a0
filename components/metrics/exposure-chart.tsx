"use client";

import { exposureRows, hasValues, type CohortChange } from "@/lib/metrics/chart-rows";
import { formatAxisValue, formatCount } from "@/lib/metrics/format-metric-value";
import type { ExposureData, RolloutTimeline } from "@/lib/metrics/release-chart-types";
import { ChartCard, ChartMessage } from "./chart-states";
import { TimeSeriesChart } from "./time-series-chart";

type Props = {
  exposures: ExposureData;
  cohort: { key: string; name: string };
  rollout: RolloutTimeline;
  changes: CohortChange[];
  range: { from: number; to: number; stepSeconds: number };
};

const COUNT = { kind: "count" as const };

/** Who was evaluated per step in each variant, counted by the evaluation API itself. */
export function ExposureChart({ exposures, cohort, rollout, changes, range }: Props) {
  const { measure, rows } = exposureRows(exposures, rollout, cohort.key, range);
  const title = measure === "users" ? "Exposed users" : "Evaluations";
  return (
    <ChartCard
      title={title}
      subtitle={measure === "users" ? "distinct users per step, from evaluations" : "evaluations per step"}
    >
      {exposures.error ? (
        <ChartMessage tone="error">{exposures.error}</ChartMessage>
      ) : hasValues(rows) ? (
        <TimeSeriesChart
          rows={rows}
          range={range}
          changes={changes}
          tick={(v) => formatAxisValue(COUNT, v)}
          tooltip={{
            value: (v) => (v === null ? "—" : `${formatCount(v)} ${measure}`),
            samplesLabel: "evaluations",
            hint: null,
            stepSeconds: range.stepSeconds,
          }}
          label={`${title} for ${cohort.name}: treatment vs control`}
          integer
        />
      ) : (
        <ChartMessage>No evaluations of this release for {cohort.name} in this range</ChartMessage>
      )}
    </ChartCard>
  );
}
