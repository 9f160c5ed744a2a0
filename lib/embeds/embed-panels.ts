import type { SvgSeries } from "@/lib/charts/svg-chart";
import { STATUS_LABELS } from "@/lib/domain/rollout-state";
import { badDirectionHint, displayUnit, formatAxisValue } from "@/lib/metrics/format-metric-value";
import { stepWords } from "@/lib/metrics/choose-step";
import type { MetricDefinitionView, MetricPoint } from "@/lib/metrics/metric-types";
import { comparesPerExposedUser, perExposedUser } from "@/lib/metrics/per-exposed-user";
import type { EmbedChartData, EmbedChoice } from "./embed-chart-data";

export type EmbedPanel = {
  metric: MetricDefinitionView;
  title: string;
  hint: string;
  cohortName: string;
  percent: number | null;
  series: SvgSeries[];
  /** Never the backend's message: an embed says no more than the chart it was made for. */
  unavailable: boolean;
  /** Why a panel is empty when it isn't for lack of data (counts with no exposures to divide by). */
  emptyText?: string;
};

export type EmbedView = {
  heading: string;
  subheading: string;
  /** What the link shows when it pins nothing, in words (empty when it pins both). */
  notes: string[];
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

function choiceNotes(choice: EmbedChoice, range: string): string[] {
  const notes: string[] = [];
  if (choice.metrics === "guardrails") notes.push("Metrics: the ones the release's rollout plan guards.");
  if (choice.cohorts.kind === "with_data" && choice.cohorts.leftOut > 0) {
    const n = choice.cohorts.leftOut;
    notes.push(
      `Cohorts: those with data in the ${RANGE_WORDS[range] ?? range}; ${n} without data ${n === 1 ? "is" : "are"} not shown.`,
    );
  }
  return notes;
}

/** Pure: what the embed draws, one panel per chosen metric × cohort (latency at p95). */
export function embedView(input: EmbedChartData): EmbedView {
  const { data } = input;
  const status = STATUS_LABELS[input.status];
  const metrics = data.metrics.map((panel) => {
    const unit = displayUnit(panel.definition);
    const stat = panel.definition.kind === "latency" ? "p95" : "value";
    // Counts per exposed user of each arm, as on the release page: raw, the smaller arm always looks worse.
    const perUser = comparesPerExposedUser(panel.definition);
    const pointsOf = (cohortKey: string, variant: "treatment" | "control"): MetricPoint[] => {
      const points =
        panel.series.find((s) => s.cohortKey === cohortKey && s.variant === variant && s.stat === stat)?.points ?? [];
      if (!perUser) return points;
      const exposed = data.exposures.series.find((s) => s.cohortKey === cohortKey && s.variant === variant);
      return perExposedUser(points, exposed?.points ?? []);
    };
    const hasRawCounts = (cohortKey: string) =>
      panel.series.some((s) => s.cohortKey === cohortKey && s.points.some((p) => p.value !== null));
    const title = `${panel.definition.name}${panel.definition.kind === "latency" ? " p95" : ""}${perUser ? " per exposed user" : ""}${unit ? ` (${unit})` : ""}`;
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
        ...(perUser && hasRawCounts(cohort.key) ? { emptyText: "No exposures counted to divide by" } : {}),
        series: (["treatment", "control"] as const).map((variant) => ({
          label: variant === "treatment" ? "Treatment" : "Control",
          role: variant,
          points: pointsOf(cohort.key, variant).map((p) => ({ t: p.t, v: p.value })),
        })),
      })),
    };
  });
  return {
    heading: `${input.release.name} in ${input.environment.name}`,
    subheading: `${status} · ${RANGE_WORDS[input.range] ?? input.range} · ${stepWords(data.range.stepSeconds)}`,
    notes: choiceNotes(input.choice, input.range),
    from: data.range.from,
    to: data.range.to,
    metrics,
  };
}

export function axisFormatter(metric: MetricDefinitionView): (v: number) => string {
  return (v) => formatAxisValue(metric, v);
}
