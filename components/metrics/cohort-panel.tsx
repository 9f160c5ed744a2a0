"use client";

import clsx from "clsx";
import { cohortPanelId } from "@/lib/domain/cohort-health";
import { cohortChanges, firstExposureAt, firstMetricAt, percentAt } from "@/lib/metrics/chart-rows";
import type { MetricStat } from "@/lib/metrics/metric-types";
import type { ChartCohort, ReleaseChartData } from "@/lib/metrics/release-chart-types";
import { ChartLegend } from "./chart-legend";
import { ExposureChart } from "./exposure-chart";
import { formatInstant } from "./format-time";
import { MetricChart } from "./metric-chart";

type Props = {
  cohort: ChartCohort;
  data: ReleaseChartData;
  statFor: (metricKey: string) => MetricStat;
  onStat: (metricKey: string, stat: MetricStat) => void;
};

/** Everything about one cohort: each chosen metric, its exposures, and who changed its percentage. */
export function CohortPanel({ cohort, data, statFor, onStat }: Props) {
  const changes = cohortChanges(data.rollout, cohort.key);
  const percent = percentAt(data.rollout, cohort.key, data.range.to);
  const headingId = `cohort-panel-${cohort.key}`;
  // Four charts read better as two rows of two than as three and one.
  const chartCount = data.metrics.length + 1;

  return (
    <section id={cohortPanelId(cohort.key)} className="card scroll-mt-4" aria-labelledby={headingId}>
      <header className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
        <h3 id={headingId} className="font-semibold">
          {cohort.name}
          {cohort.key !== "default" && (
            <>
              {" "}
              <span className="muted ml-1 font-mono text-xs font-normal">{cohort.key}</span>
            </>
          )}
        </h3>
        <ChartLegend percent={percent} />
      </header>
      <div
        className={clsx(
          "grid gap-3 p-3 sm:grid-cols-2 sm:p-4",
          chartCount === 4 ? "2xl:grid-cols-4" : "xl:grid-cols-3",
        )}
      >
        {data.metrics.map((panel) => (
          <MetricChart
            key={panel.definition.key}
            panel={panel}
            exposures={data.exposures}
            cohort={cohort}
            rollout={data.rollout}
            changes={changes}
            range={data.range}
            stat={statFor(panel.definition.key)}
            onStat={(stat) => onStat(panel.definition.key, stat)}
          />
        ))}
        <ExposureChart
          exposures={data.exposures}
          cohort={cohort}
          rollout={data.rollout}
          changes={changes}
          range={data.range}
          firstMetricAt={firstMetricAt(data, cohort.key)}
          firstExposureAt={firstExposureAt(data.exposures, cohort.key)}
        />
      </div>
      {changes.length > 0 && (
        <div className="border-t border-zinc-200 px-4 py-2 dark:border-zinc-800">
          <p className="muted text-xs font-medium">Rollout changes in this range</p>
          <ol className="mt-1 space-y-0.5 text-xs">
            {changes.map((change) => (
              <li key={change.at} className="flex flex-wrap gap-x-2">
                <time dateTime={new Date(change.at).toISOString()} className="muted tabular-nums">
                  {formatInstant(change.at)}
                </time>
                <span className="font-medium">{change.actorName}</span>
                <span className="tabular-nums">
                  {change.from}% → {change.to}%
                </span>
                <span className="muted">{change.summary}</span>
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
