"use client";

import clsx from "clsx";
import Link from "next/link";
import { useState } from "react";
import { isEmptyPayload } from "@/lib/metrics/chart-rows";
import type { NamedRange } from "@/lib/metrics/choose-step";
import type { MetricDefinitionView, MetricStat } from "@/lib/metrics/metric-types";
import type { ReleaseChartData } from "@/lib/metrics/release-chart-types";
import { ChartMessage, MetricsSkeleton } from "./chart-states";
import { CHART_THEME } from "./chart-theme";
import { CohortPanel } from "./cohort-panel";
import { formatInstant } from "./format-time";
import { MetricChooser } from "./metric-chooser";
import { NoDataYet } from "./no-data-yet";
import { RangePicker } from "./range-picker";
import { LIVE_REFRESH_MS, useReleaseChartData } from "./release-chart-query";
import { useChartView, type ChartWindow } from "./use-chart-view";

type Props = {
  teamSlug: string;
  releaseKey: string;
  environment: { key: string; name: string };
  definitions: MetricDefinitionView[];
  rolloutVersion: number;
  origin: string;
};

const RANGE_WORDS: Record<NamedRange, string> = { "1h": "hour", "6h": "6 hours", "24h": "24 hours", "7d": "7 days" };

function rangeLabel(window: ChartWindow): string {
  return window.kind === "named"
    ? `in the last ${RANGE_WORDS[window.range]}`
    : `between ${formatInstant(window.from)} and ${formatInstant(window.to)}`;
}

/** With nothing to draw, failed reads are listed once rather than on an empty chart per cohort. */
function ReadFailures({ data }: { data: ReleaseChartData }) {
  const failures = [
    ...data.metrics.filter((m) => m.error !== null).map((m) => ({ name: m.definition.name, error: m.error })),
    ...(data.exposures.error ? [{ name: "Exposures", error: data.exposures.error }] : []),
  ];
  if (failures.length === 0) return null;
  return (
    <ul
      role="alert"
      className="space-y-1 rounded-lg bg-red-50 px-4 py-3 text-sm text-red-700 dark:bg-red-950/60 dark:text-red-300"
    >
      {failures.map((f) => (
        <li key={f.name}>
          <span className="font-medium">{f.name}:</span> {f.error}
        </li>
      ))}
    </ul>
  );
}

const secondsClock = new Intl.DateTimeFormat("en-GB", {
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hour12: false,
});

/**
 * The release's per-cohort charts. Lives beside the rollout controls but shares nothing with
 * them: a slow or failing metrics backend only ever shows up inside this section.
 */
export function ReleaseMetrics({ teamSlug, releaseKey, environment, definitions, rolloutVersion, origin }: Props) {
  const view = useChartView();
  const query = useReleaseChartData({
    teamSlug,
    releaseKey,
    environmentKey: environment.key,
    apiQuery: view.apiQuery,
    rolloutVersion,
    liveUntil: view.window.kind === "custom" ? view.window.to : null,
  });
  const [stats, setStats] = useState<Record<string, MetricStat>>({});
  const kinds = new Map(definitions.map((d) => [d.key, d.kind]));
  const statFor = (key: string): MetricStat => (kinds.get(key) === "latency" ? (stats[key] ?? "p95") : "value");
  const { data } = query;

  const status = !data
    ? query.isError
      ? "Could not load"
      : "Loading…"
    : query.isPlaceholderData
      ? "Loading the new range…"
      : query.isError
        ? "Refresh failed; showing the last data"
        : `Updated ${secondsClock.format(query.dataUpdatedAt)}${view.window.kind === "named" ? ` · live, every ${LIVE_REFRESH_MS / 1000} s` : ""}`;

  return (
    <section aria-labelledby="metrics-heading" className={clsx("space-y-4", CHART_THEME)}>
      <div className="card space-y-3 px-5 py-4">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div>
            <h2 id="metrics-heading" className="font-semibold">
              Metrics in {environment.name}
            </h2>
            <p className="muted text-xs">
              {query.isFetching && !query.isPending && (
                <span
                  className="mr-1 inline-block size-1.5 animate-pulse rounded-full bg-brand-500 align-middle"
                  aria-hidden
                />
              )}
              {status}
            </p>
          </div>
          <RangePicker window={view.window} onRange={view.setRange} onCustom={view.setCustom} />
        </div>
        <MetricChooser definitions={definitions} chosen={view.metricKeys} onChange={view.setMetricKeys} />
        {definitions.length === 0 && (
          <p className="muted text-xs">
            This team has no metrics yet, so only exposures are charted.{" "}
            <Link href={`/teams/${teamSlug}/metrics`} className="link">
              Define metrics
            </Link>
          </p>
        )}
        {view.invalid && (
          <p role="alert" className="text-xs text-amber-700 dark:text-amber-300">
            The chart settings in this link were not valid ({view.invalid}); showing the default instead.
          </p>
        )}
      </div>

      {!data ? (
        query.isError ? (
          <div
            role="alert"
            className="card flex flex-wrap items-center justify-between gap-3 border-red-200 px-5 py-4 dark:border-red-900"
          >
            <p className="text-sm text-red-700 dark:text-red-300">Could not load the metrics: {query.error.message}</p>
            <button type="button" className="btn-secondary" onClick={() => query.refetch()} disabled={query.isFetching}>
              {query.isFetching ? "Retrying…" : "Retry"}
            </button>
          </div>
        ) : (
          <MetricsSkeleton />
        )
      ) : (
        <>
          {query.isError && (
            <div
              role="alert"
              className="flex flex-wrap items-center justify-between gap-3 rounded-lg bg-amber-50 px-4 py-2 text-sm text-amber-800 dark:bg-amber-950/60 dark:text-amber-200"
            >
              <p>Live refresh failed: {query.error.message}. The charts show the last data received.</p>
              <button
                type="button"
                className="btn-secondary"
                onClick={() => query.refetch()}
                disabled={query.isFetching}
              >
                Retry now
              </button>
            </div>
          )}
          {isEmptyPayload(data) ? (
            <>
              <ReadFailures data={data} />
              <NoDataYet
                teamSlug={teamSlug}
                releaseKey={releaseKey}
                environmentName={environment.name}
                origin={origin}
                metricKey={definitions.find((d) => d.source === "builtin")?.key ?? null}
                rangeLabel={rangeLabel(view.window)}
              />
            </>
          ) : data.cohorts.length === 0 ? (
            <ChartMessage>No cohorts chosen</ChartMessage>
          ) : (
            <div className={clsx("space-y-4 transition-opacity", query.isPlaceholderData && "opacity-60")}>
              {data.cohorts.map((cohort) => (
                <CohortPanel
                  key={cohort.key}
                  cohort={cohort}
                  data={data}
                  statFor={statFor}
                  onStat={(key, stat) => setStats((s) => ({ ...s, [key]: stat }))}
                />
              ))}
            </div>
          )}
        </>
      )}
    </section>
  );
}
