"use client";

import { exposureRows, hasValues, type CohortChange } from "@/lib/metrics/chart-rows";
import { stepWords } from "@/lib/metrics/choose-step";
import { formatAxisValue, formatCount } from "@/lib/metrics/format-metric-value";
import type { ExposureData, RolloutTimeline } from "@/lib/metrics/release-chart-types";
import { ChartCard, ChartMessage } from "./chart-states";
import { formatInstant } from "./format-time";
import { TimeSeriesChart } from "./time-series-chart";

type Props = {
  exposures: ExposureData;
  cohort: { key: string; name: string };
  rollout: RolloutTimeline;
  changes: CohortChange[];
  range: { from: number; to: number; stepSeconds: number };
  /** The first step with any metric value in this cohort: metrics older than the exposures are explained. */
  firstMetricAt: number | null;
  firstExposureAt: number | null;
};

const COUNT = { kind: "count" as const };

// Exposures are counted by the evaluation API as it answers, never back-dated; metrics an
// application sends may carry earlier timestamps (the demo generator back-fills hours). Without
// saying so, such a chart reads as "nobody was exposed until a moment ago".
const WHY = "Exposures are counted when the evaluation API answers; metrics sent with earlier timestamps have none.";

/** Who was evaluated per step in each variant, counted by the evaluation API itself. */
export function ExposureChart({ exposures, cohort, rollout, changes, range, firstMetricAt, firstExposureAt }: Props) {
  const { measure, rows } = exposureRows(exposures, rollout, cohort.key, range);
  const title = measure === "users" ? "Exposed users" : "Evaluations";
  const stepMs = range.stepSeconds * 1000;
  const metricsBefore =
    firstMetricAt !== null && (firstExposureAt === null || firstMetricAt + stepMs < firstExposureAt);
  return (
    <ChartCard
      title={title}
      subtitle={`${measure === "users" ? "distinct users" : "evaluations"} per step · ${stepWords(range.stepSeconds)}`}
    >
      {exposures.error ? (
        <ChartMessage tone="error">{exposures.error}</ChartMessage>
      ) : hasValues(rows) ? (
        <>
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
          {metricsBefore && firstExposureAt !== null && (
            <p className="muted text-xs" data-testid="exposures-since">
              Counted since {formatInstant(firstExposureAt)}. {WHY}
            </p>
          )}
        </>
      ) : (
        <ChartMessage>
          No evaluations of this release for {cohort.name} in this range.
          {metricsBefore ? ` ${WHY}` : ""}
        </ChartMessage>
      )}
    </ChartCard>
  );
}
