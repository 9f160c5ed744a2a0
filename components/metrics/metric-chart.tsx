"use client";

import clsx from "clsx";
import { hasValues, metricRows, perUserRows, type CohortChange } from "@/lib/metrics/chart-rows";
import { stepWords } from "@/lib/metrics/choose-step";
import { badDirectionHint, displayUnit, formatAxisValue, formatMetricValue } from "@/lib/metrics/format-metric-value";
import { LATENCY_STATS, type MetricStat } from "@/lib/metrics/metric-types";
import { comparesPerExposedUser } from "@/lib/metrics/per-exposed-user";
import type { ExposureData, MetricPanelData, RolloutTimeline } from "@/lib/metrics/release-chart-types";
import { ChartCard, ChartMessage } from "./chart-states";
import { formatInstant } from "./format-time";
import { TimeSeriesChart } from "./time-series-chart";

type Props = {
  panel: MetricPanelData;
  /** Counts are drawn per exposed user of each variant, from these. */
  exposures: ExposureData;
  cohort: { key: string; name: string };
  rollout: RolloutTimeline;
  changes: CohortChange[];
  range: { from: number; to: number; stepSeconds: number };
  stat: MetricStat;
  onStat: (stat: MetricStat) => void;
};

const SAMPLES: Record<string, string> = {
  error_rate: "requests",
  latency: "samples",
  mean: "samples",
  count: "reports",
};

function StatToggle({
  value,
  onChange,
  metricName,
}: {
  value: MetricStat;
  onChange: (stat: MetricStat) => void;
  metricName: string;
}) {
  return (
    <div
      role="group"
      aria-label={`${metricName} percentile`}
      className="inline-flex rounded-md border border-zinc-200 p-0.5 text-xs dark:border-zinc-700"
    >
      {LATENCY_STATS.map((stat) => (
        <button
          key={stat}
          type="button"
          aria-pressed={value === stat}
          onClick={() => onChange(stat)}
          className={clsx(
            "rounded px-1.5 py-0.5",
            value === stat
              ? "bg-zinc-800 text-white dark:bg-zinc-200 dark:text-zinc-900"
              : "muted hover:bg-zinc-100 dark:hover:bg-zinc-800",
          )}
        >
          {stat}
        </button>
      ))}
    </div>
  );
}

/** One metric for one cohort: treatment vs control, or why there is nothing to draw. */
export function MetricChart({ panel, exposures, cohort, rollout, changes, range, stat, onStat }: Props) {
  const { definition } = panel;
  const latency = definition.kind === "latency";
  // A raw count always looks worse in the smaller arm: counts are compared per exposed user.
  const perUser = comparesPerExposedUser(definition);
  const unit = displayUnit(definition);
  const hint = badDirectionHint(definition.badDirection);
  const rows = panel.error
    ? []
    : perUser
      ? perUserRows(panel.series, exposures, rollout, cohort.key, range)
      : metricRows(panel.series, rollout, cohort.key, stat, range);
  const label = `${definition.name}${latency ? ` ${stat}` : ""}${perUser ? " per exposed user" : ""}`;
  const mine = perUser ? panel.series.filter((s) => s.cohortKey === cohort.key) : [];
  const hasRawCounts = mine.some((s) => s.points.some((p) => p.value !== null));
  // Counts sent with earlier timestamps than any evaluation (a back-fill) have nobody to divide by.
  const firstCount = Math.min(...mine.flatMap((s) => s.points.filter((p) => p.value !== null).map((p) => p.t)));
  const firstPerUser = Math.min(...rows.flatMap((r) => (r.treatment !== null || r.control !== null ? [r.t] : [])));
  const perUserSince = perUser && firstPerUser > firstCount && Number.isFinite(firstPerUser) ? firstPerUser : null;

  return (
    <ChartCard
      title={definition.name}
      subtitle={
        <>
          {latency ? `${stat} · ` : ""}
          {perUser ? `${unit ? `${unit} ` : ""}per exposed user · ` : unit ? `${unit} · ` : ""}
          <span title={definition.badDirection === "up" ? "Higher values are worse" : "Lower values are worse"}>
            {hint}
          </span>
          {` · ${stepWords(range.stepSeconds)}`}
        </>
      }
      control={latency ? <StatToggle value={stat} onChange={onStat} metricName={definition.name} /> : undefined}
    >
      {panel.error ? (
        <ChartMessage tone="error">{panel.error}</ChartMessage>
      ) : hasValues(rows) ? (
        <>
          <TimeSeriesChart
            rows={rows}
            range={range}
            changes={changes}
            tick={(v) => formatAxisValue(definition, v)}
            tooltip={{
              value: (v) =>
                perUser ? `${formatMetricValue(definition, v)} per user` : formatMetricValue(definition, v),
              samplesLabel: perUser ? "exposed users" : (SAMPLES[definition.kind] ?? "samples"),
              hint,
              stepSeconds: range.stepSeconds,
            }}
            label={`${label} for ${cohort.name}: treatment vs control`}
            integer={definition.kind === "count" && !perUser}
          />
          {perUserSince !== null && (
            <p className="muted text-xs">
              From {formatInstant(perUserSince)}, when exposures start: earlier {definition.name.toLowerCase()} have no
              counted evaluations to divide by.
            </p>
          )}
        </>
      ) : hasRawCounts ? (
        <ChartMessage>
          {definition.name} can&apos;t be shown per exposed user for {cohort.name}: no evaluations were counted in the
          steps that have {definition.name.toLowerCase()} (see Exposed users)
        </ChartMessage>
      ) : (
        <ChartMessage>
          No {definition.name.toLowerCase()} data for {cohort.name} in this range
        </ChartMessage>
      )}
    </ChartCard>
  );
}
