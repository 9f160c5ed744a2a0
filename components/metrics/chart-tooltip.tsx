import type { ChartRow } from "@/lib/metrics/chart-rows";
import { formatCount } from "@/lib/metrics/format-metric-value";
import { SERIES_STYLE } from "./chart-theme";
import { formatInstant } from "./format-time";

export type TooltipFormat = {
  value: (v: number | null) => string;
  /** What a sample is: "requests", "samples", "evaluations". */
  samplesLabel: string;
  hint: string | null;
  stepSeconds: number;
};

function stepLabel(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400} d`;
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  return `${seconds / 60} min`;
}

/** Exact values of the hovered instant: both variants with their sample counts, the rollout, any change. */
export function ChartTooltip({
  active,
  row,
  format,
}: {
  active: boolean;
  row: ChartRow | undefined;
  format: TooltipFormat;
}) {
  if (!active || !row) return null;
  const line = (variant: "treatment" | "control") => {
    const value = row[variant];
    const samples = row[variant === "treatment" ? "treatmentSamples" : "controlSamples"];
    return (
      <div key={variant} className="flex items-baseline gap-2">
        <svg width="14" height="6" aria-hidden className="shrink-0">
          <line x1="0" y1="3" x2="14" y2="3" stroke={SERIES_STYLE[variant].stroke} strokeWidth="2.5" />
        </svg>
        <span className="w-16">{SERIES_STYLE[variant].label}</span>
        <span className="font-semibold tabular-nums">{value === null ? "no data" : format.value(value)}</span>
        {value !== null && samples !== null && (
          <span className="muted tabular-nums">
            n = {formatCount(samples)} {format.samplesLabel}
          </span>
        )}
      </div>
    );
  };
  return (
    <div className="max-w-72 space-y-1 rounded-lg border border-zinc-200 bg-white px-3 py-2 text-xs text-zinc-900 shadow-md dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100">
      <p className="font-medium">
        {formatInstant(row.t)} <span className="muted font-normal">· {stepLabel(format.stepSeconds)} step</span>
      </p>
      {/* Rows that only mark a change (or the range edges) carry no values: don't list two blanks. */}
      {(row.treatment !== null || row.control !== null) && (
        <>
          {line("treatment")}
          {line("control")}
        </>
      )}
      <p className="muted">
        Rollout {row.rollout}%{format.hint ? ` · ${format.hint}` : ""}
      </p>
      {row.change && (
        <p className="border-t border-zinc-200 pt-1 dark:border-zinc-700">
          <span className="font-medium">{row.change.actorName}</span>: {row.change.summary}
        </p>
      )}
    </div>
  );
}
