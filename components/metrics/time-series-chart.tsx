"use client";

import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import type { ChartRow, CohortChange } from "@/lib/metrics/chart-rows";
import { MIN_SAMPLES_FOR_AXIS, valueAxisFor } from "@/lib/metrics/value-axis";
import { ChartTooltip, type TooltipFormat } from "./chart-tooltip";
import { SERIES_STYLE } from "./chart-theme";
import { timeTickFormatter, timeTicks } from "./format-time";

type Props = {
  rows: ChartRow[];
  range: { from: number; to: number };
  changes: CohortChange[];
  tick: (value: number) => string;
  tooltip: TooltipFormat;
  label: string;
  /** Counts: whole-number ticks only. */
  integer?: boolean;
};

const AXIS_TICK = { fontSize: 10, fill: "var(--chart-axis)" };
// More labelled change markers than this crowd a small chart; the panel lists every change anyway.
const MAX_LABELLED_CHANGES = 3;

function firstName(name: string): string {
  return name.split(/\s+/)[0] ?? name;
}

/**
 * Treatment vs control over time, with the cohort's rollout percentage as a step line on the
 * right axis and a marker at each change. Animations are off so a live refresh redraws in place.
 */
export function TimeSeriesChart({ rows, range, changes, tick, tooltip, label, integer = false }: Props) {
  const points = (key: "treatment" | "control") => rows.reduce((n, r) => n + (r[key] === null ? 0 : 1), 0);
  // Sparse series would be invisible as lines alone.
  const dot = (key: "treatment" | "control") =>
    points(key) <= 40 ? { r: 2, strokeWidth: 0, fill: SERIES_STYLE[key].stroke } : false;
  const labelled = changes.length <= MAX_LABELLED_CHANGES;
  const axis = valueAxisFor(rows);

  return (
    <>
      <div role="img" aria-label={label} className="h-40 w-full">
        <LineChart
          responsive
          data={rows}
          margin={{ top: 12, right: 0, bottom: 0, left: 0 }}
          style={{ width: "100%", height: "100%" }}
        >
          <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={[range.from, range.to]}
            allowDataOverflow
            ticks={timeTicks(range)}
            tickFormatter={timeTickFormatter(range)}
            tick={AXIS_TICK}
            stroke="var(--chart-grid)"
            minTickGap={16}
          />
          <YAxis
            yAxisId="value"
            width={44}
            tickFormatter={tick}
            tick={AXIS_TICK}
            stroke="var(--chart-grid)"
            domain={axis ? [0, axis.max] : [0, "auto"]}
            ticks={axis ? [0, 1, 2, 3, 4].map((i) => (axis.max * i) / 4) : undefined}
            allowDataOverflow={axis !== null}
            allowDecimals={!integer}
          />
          <YAxis
            yAxisId="rollout"
            orientation="right"
            width={40}
            domain={[0, 100]}
            ticks={[0, 50, 100]}
            tickFormatter={(v: number) => `${v}%`}
            tick={AXIS_TICK}
            stroke="var(--chart-grid)"
          />
          {changes.map((change) => (
            <ReferenceLine
              key={change.at}
              x={change.at}
              yAxisId="value"
              stroke="var(--chart-rollout)"
              strokeDasharray="2 3"
              label={
                labelled
                  ? {
                      value: firstName(change.actorName),
                      position: "insideTopLeft",
                      fontSize: 9,
                      fill: "var(--chart-axis)",
                      offset: 4,
                    }
                  : undefined
              }
            />
          ))}
          <Line
            yAxisId="rollout"
            dataKey="rollout"
            name={SERIES_STYLE.rollout.label}
            type="stepAfter"
            stroke={SERIES_STYLE.rollout.stroke}
            strokeOpacity={0.6}
            strokeWidth={1.5}
            dot={false}
            activeDot={false}
            isAnimationActive={false}
          />
          {(["control", "treatment"] as const).map((key) => (
            <Line
              key={key}
              yAxisId="value"
              dataKey={key}
              name={SERIES_STYLE[key].label}
              type="linear"
              stroke={SERIES_STYLE[key].stroke}
              strokeWidth={SERIES_STYLE[key].width}
              connectNulls
              dot={dot(key)}
              activeDot={{ r: 3 }}
              isAnimationActive={false}
            />
          ))}
          <Tooltip
            isAnimationActive={false}
            cursor={{ stroke: "var(--chart-axis)", strokeWidth: 1 }}
            content={({ active, payload }) => (
              <ChartTooltip active={active} row={payload?.[0]?.payload as ChartRow | undefined} format={tooltip} />
            )}
          />
        </LineChart>
      </div>
      {axis && (
        <p className="muted text-xs" data-testid="thin-steps-note">
          {axis.clippedSteps === 1 ? "1 step" : `${axis.clippedSteps} steps`} with fewer than {MIN_SAMPLES_FOR_AXIS}{" "}
          {tooltip.samplesLabel} {axis.clippedSteps === 1 ? "runs" : "run"} off the top of the scale; hover for the
          value.
        </p>
      )}
    </>
  );
}
