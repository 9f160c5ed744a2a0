import { SERIES_STYLE } from "./chart-theme";

function Swatch({ series }: { series: keyof typeof SERIES_STYLE }) {
  const style = SERIES_STYLE[series];
  return (
    <svg width="18" height="8" aria-hidden className="shrink-0">
      <line
        x1="0"
        y1="4"
        x2="18"
        y2="4"
        stroke={style.stroke}
        strokeWidth="2.5"
        strokeOpacity={series === "rollout" ? 0.6 : 1}
      />
    </svg>
  );
}

/** The same three lines in every panel; the percentages say how the cohort is split right now. */
export function ChartLegend({ percent }: { percent: number }) {
  const item = "inline-flex items-center gap-1.5";
  return (
    <ul className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs" aria-label="Legend">
      <li className={item}>
        <Swatch series="treatment" />
        Treatment <span className="muted">(gets it, {percent}%)</span>
      </li>
      <li className={item}>
        <Swatch series="control" />
        Control <span className="muted">(doesn&apos;t, {Math.round((100 - percent) * 100) / 100}%)</span>
      </li>
      <li className={item}>
        <Swatch series="rollout" />
        Rollout % <span className="muted">(right axis)</span>
      </li>
    </ul>
  );
}
