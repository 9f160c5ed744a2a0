import type { SvgSeries } from "@/lib/charts/svg-chart";
import { STATUS_LABELS } from "@/lib/domain/rollout-state";
import { badDirectionHint, displayUnit, formatAxisValue } from "@/lib/metrics/format-metric-value";
import type { MetricDefinitionView } from "@/lib/metrics/metric-types";
import type { EmbedChartData } from "./embed-chart-data";

export type EmbedPanel = {
  metric: MetricDefinitionView;
  title: string;
  hint: string;
  cohortName: string;
  percent: number | null;
  series: SvgSeries[];
  /** Never the backend's message: an embed says no more than the chart it was made for. */
  unavailable: boolean;
};

export type EmbedView = {
  heading: string;
  subheading: string;
  from: number;
  to: number;
  metrics: { title: string; hint: string; panels: EmbedPanel[] }[];
};

const RANGE_WORDS: Record<string, string> = {
  "1h": "last hour",
  "6h": "last 6 hours",
  "24h": "last 24 hours",
  "7d": "last 7 days",
};

/** Pure: what the embed draws, one panel per chosen metric × cohort (latency at p95). */
export function embedView(input: EmbedChartData): EmbedView {
  const { data } = input;
  const status = STATUS_LABELS[input.status];
  const metrics = data.metrics.map((panel) => {
    const unit = displayUnit(panel.definition);
    const stat = panel.definition.kind === "latency" ? "p95" : "value";
    const title = `${panel.definition.name}${panel.definition.kind === "latency" ? " p95" : ""}${unit ? ` (${unit})` : ""}`;
    const hint = badDirectionHint(panel.definition.badDirection);
    return {
      title,
      hint,
      panels: data.cohorts.map((cohort) => ({
        metric: panel.definition,
        title,
        hint,
        cohortName: cohort.name,
        percent: input.percentNow[cohort.key] ?? null,
        unavailable: panel.error !== null,
        series: (["treatment", "control"] as const).map((variant) => ({
          label: variant === "treatment" ? "Treatment" : "Control",
          role: variant,
          points: (
            panel.series.find((s) => s.cohortKey === cohort.key && s.variant === variant && s.stat === stat)?.points ??
            []
          ).map((p) => ({ t: p.t, v: p.value })),
        })),
      })),
    };
  });
  return {
    heading: `${input.release.name} in ${input.environment.name}`,
    subheading: `${status} · ${RANGE_WORDS[input.range] ?? input.range}`,
    from: data.range.from,
    to: data.range.to,
    metrics,
  };
}

export function axisFormatter(metric: MetricDefinitionView): (v: number) => string {
  return (v) => formatAxisValue(metric, v);
}
