import clsx from "clsx";
import type { GuardrailMetricKind, GuardrailState } from "@/lib/domain/guardrails/guardrail-types";
import { describeDifference, formatHarm } from "@/lib/domain/plans/describe-verdict";
import type { GuardrailReadingView } from "@/lib/plans/get-release-plan";
import type { StoredMetricVerdict } from "@/lib/plans/plan-view";
import { IntervalChart } from "./interval-chart";

export type TileMetric = { key: string; name: string; kind: GuardrailMetricKind | "mean"; quantile: number | null };

const STATE_WORDS: Record<GuardrailState, string> = {
  healthy: "Healthy",
  waiting: "Waiting for data",
  inconclusive: "Not yet sure",
  breach: "Regression",
};

const STATE_STYLES: Record<GuardrailState, string> = {
  healthy:
    "bg-emerald-50 text-emerald-800 ring-emerald-300 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-800",
  waiting: "bg-zinc-100 text-zinc-700 ring-zinc-300 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-700",
  inconclusive: "bg-amber-50 text-amber-800 ring-amber-300 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800",
  breach: "bg-red-50 text-red-800 ring-red-300 dark:bg-red-950 dark:text-red-200 dark:ring-red-800",
};

const SAMPLE_NOUNS: Record<string, string> = {
  error_rate: "requests",
  latency: "observations",
  count: "exposed users",
};

const count = new Intl.NumberFormat("en-US");

/** "~2,000": two significant digits, rounded up (as the controller words it). */
function roughly(n: number): string {
  if (n < 100) return count.format(Math.ceil(n));
  const scale = 10 ** (Math.floor(Math.log10(n)) - 1);
  return count.format(Math.ceil(n / scale) * scale);
}

export function metricLabel(metric: Pick<TileMetric, "name" | "quantile">): string {
  return metric.quantile === null ? metric.name : `${metric.name} p${Math.round(metric.quantile * 100)}`;
}

/** "840 of ~2,000 requests". */
export function samplesWords(verdict: StoredMetricVerdict, kind: string): string {
  const noun = SAMPLE_NOUNS[kind] ?? "samples";
  const have = count.format(verdict.samples.treatment);
  return verdict.needed === null ? `${have} ${noun}` : `${have} of ~${roughly(verdict.needed)} ${noun}`;
}

/** What the tile says first: "Healthy", "Waiting for data: 840 of ~2,000 requests", "Regression". */
export function stateWords(verdict: StoredMetricVerdict, kind: string): string {
  return verdict.state === "waiting"
    ? `${STATE_WORDS.waiting}: ${samplesWords(verdict, kind)}`
    : STATE_WORDS[verdict.state];
}

/** "+1.9 pp (0.8 to 3.0)": the difference treatment − control, with its interval; null while waiting. */
export function differenceWords(verdict: StoredMetricVerdict): string | null {
  if (verdict.estimate === null) return null;
  return describeDifference(verdict, { name: "", kind: "error_rate" }).trim();
}

/** One cohort × metric: the verdict in words, the interval over time against the tolerance, the samples. */
export function GuardrailTile({
  verdict,
  metric,
  cohortName,
  readings,
}: {
  verdict: StoredMetricVerdict;
  metric: TileMetric;
  cohortName: string;
  readings: readonly GuardrailReadingView[];
}) {
  const label = metricLabel(metric);
  const difference = differenceWords(verdict);
  const noun = SAMPLE_NOUNS[metric.kind] ?? "samples";
  return (
    <article
      aria-label={`${label} in ${cohortName}`}
      data-state={verdict.state}
      className={clsx(
        "min-w-0 space-y-2 rounded-lg border p-3",
        verdict.state === "breach" ? "border-red-300 dark:border-red-800" : "border-zinc-200 dark:border-zinc-800",
      )}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-x-2 gap-y-1">
        <h4 className="text-sm font-medium">{label}</h4>
        <span
          className={clsx(
            "rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
            STATE_STYLES[verdict.state],
          )}
        >
          {STATE_WORDS[verdict.state]}
        </span>
      </div>
      <p className="text-sm" title={verdict.words}>
        {verdict.state === "waiting" ? (
          <>
            <span className="sr-only">Waiting for data: </span>
            {samplesWords(verdict, metric.kind)} so far
          </>
        ) : (
          <>
            <span className="font-semibold tabular-nums">{difference ?? "—"}</span>{" "}
            <span className="muted text-xs">
              treatment vs control, tolerance {formatHarm(verdict.tolerance.value, verdict.tolerance.kind)}
            </span>
          </>
        )}
      </p>
      <IntervalChart
        readings={readings}
        tolerance={verdict.tolerance}
        label={`${label} in ${cohortName}: difference between treatment and control over time, with its interval`}
      />
      <p className="muted text-xs tabular-nums">
        {count.format(verdict.samples.treatment)} treatment · {count.format(verdict.samples.control)} control {noun}
      </p>
    </article>
  );
}
