// Chart colours as CSS variables on the metrics section, so SVG strokes follow light and dark
// mode like the rest of the app. Treatment is orange and control blue everywhere (the pair
// colour-blind readers tell apart best); treatment is also drawn thicker and on top.
export const CHART_THEME =
  "[--chart-treatment:#ea580c] dark:[--chart-treatment:#fb923c] " +
  "[--chart-control:#2563eb] dark:[--chart-control:#60a5fa] " +
  "[--chart-rollout:#71717a] dark:[--chart-rollout:#a1a1aa] " +
  "[--chart-grid:#e4e4e7] dark:[--chart-grid:#27272a] " +
  "[--chart-axis:#71717a] dark:[--chart-axis:#a1a1aa]";

export const SERIES_STYLE = {
  treatment: { label: "Treatment", stroke: "var(--chart-treatment)", width: 2 },
  control: { label: "Control", stroke: "var(--chart-control)", width: 1.5 },
  rollout: { label: "Rollout %", stroke: "var(--chart-rollout)", width: 1.5 },
} as const;
