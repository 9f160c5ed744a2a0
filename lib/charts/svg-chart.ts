/**
 * Server-side line charts as SVG text: the embed page, the chart image and the team page's
 * sparklines draw with this, so they need no browser JavaScript and look the same everywhere.
 * Colours are CSS classes (see SVG_CHART_STYLE), so one drawing follows light or dark.
 */

export type SvgPoint = { t: number; v: number | null };
export type SvgSeries = { label: string; role: "treatment" | "control"; points: SvgPoint[] };

export type SvgChart = {
  width: number;
  height: number;
  from: number;
  to: number;
  series: SvgSeries[];
  /** Accessible name of the drawing. */
  title: string;
  formatValue: (value: number) => string;
  formatTime: (t: number) => string;
  /** What an empty chart says (default: no data in the range). */
  emptyText?: string;
};

const PAD = { top: 10, right: 12, bottom: 22, left: 46 };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** 0 … a round number above the largest value, in 4 steps. */
export function niceTicks(max: number): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  return Array.from({ length: Math.ceil(max / step) + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}

/** Points with no drawn neighbour: a line through them would be invisible, so they get a dot. */
export function isolatedPoints(points: SvgPoint[]): { t: number; v: number }[] {
  const present = (p: SvgPoint | undefined) => p !== undefined && p.v !== null && Number.isFinite(p.v);
  return points.filter((p, i) => present(p) && !present(points[i - 1]) && !present(points[i + 1])) as {
    t: number;
    v: number;
  }[];
}

/** Line segments through the points, broken where a value is missing. */
export function linePath(points: SvgPoint[], x: (t: number) => number, y: (v: number) => number): string {
  let path = "";
  let drawing = false;
  for (const p of points) {
    if (p.v === null || !Number.isFinite(p.v)) {
      drawing = false;
      continue;
    }
    path += `${drawing ? "L" : "M"}${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`;
    drawing = true;
  }
  return path;
}

function scales(chart: Pick<SvgChart, "width" | "height" | "from" | "to" | "series">, pad: typeof PAD) {
  const values = chart.series
    .flatMap((s) => s.points.map((p) => p.v))
    .filter((v): v is number => v !== null && Number.isFinite(v));
  const ticks = niceTicks(values.length ? Math.max(...values) : 0);
  const top = ticks.at(-1)!;
  const plotW = chart.width - pad.left - pad.right;
  const plotH = chart.height - pad.top - pad.bottom;
  const span = Math.max(1, chart.to - chart.from);
  return {
    ticks,
    hasData: values.length > 0,
    x: (t: number) => pad.left + ((t - chart.from) / span) * plotW,
    y: (v: number) => pad.top + plotH - (v / top) * plotH,
  };
}

export function renderLineChart(chart: SvgChart): string {
  const { x, y, ticks, hasData } = scales(chart, PAD);
  const right = chart.width - PAD.right;
  const grid = ticks
    .map(
      (tick) =>
        `<line class="gp-grid" x1="${PAD.left}" x2="${right}" y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}"/><text class="gp-axis" x="${PAD.left - 6}" y="${(y(tick) + 3).toFixed(1)}" text-anchor="end">${escapeXml(chart.formatValue(tick))}</text>`,
    )
    .join("");
  const timeTicks = [0, 1, 2, 3].map((i) => chart.from + ((chart.to - chart.from) * i) / 3);
  const times = timeTicks
    .map(
      (t, i) =>
        `<text class="gp-axis" x="${x(t).toFixed(1)}" y="${chart.height - 6}" text-anchor="${i === 0 ? "start" : i === 3 ? "end" : "middle"}">${escapeXml(chart.formatTime(t))}</text>`,
    )
    .join("");
  // Control first, so treatment (the line people watch) is drawn on top.
  const ordered = [...chart.series].sort((a, b) => (a.role === b.role ? 0 : a.role === "control" ? -1 : 1));
  const lines = ordered
    .map((s) => {
      const last = [...s.points].reverse().find((p) => p.v !== null);
      const summary =
        last && last.v !== null
          ? `${s.label}: ${chart.formatValue(last.v)} at ${chart.formatTime(last.t)}`
          : `${s.label}: no data`;
      const dots = isolatedPoints(s.points)
        .map((p) => `<circle class="gp-dot gp-${s.role}" cx="${x(p.t).toFixed(1)}" cy="${y(p.v).toFixed(1)}" r="2.5"/>`)
        .join("");
      return `<path class="gp-line gp-${s.role}" d="${linePath(s.points, x, y)}"><title>${escapeXml(summary)}</title></path>${dots}`;
    })
    .join("");
  const empty = hasData
    ? ""
    : `<text class="gp-axis" x="${(chart.width / 2).toFixed(0)}" y="${(chart.height / 2).toFixed(0)}" text-anchor="middle">${escapeXml(chart.emptyText ?? "No data in this range yet")}</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${chart.width} ${chart.height}" width="${chart.width}" height="${chart.height}" role="img" aria-label="${escapeXml(chart.title)}"><title>${escapeXml(chart.title)}</title>${grid}${times}${lines}${empty}</svg>`;
}

/** A tiny chart without axes, for a table row. */
export function renderSparkline(
  chart: Pick<SvgChart, "width" | "height" | "from" | "to" | "series" | "title">,
): string {
  const pad = { top: 2, right: 2, bottom: 2, left: 2 };
  const { x, y } = scales(chart, pad);
  const ordered = [...chart.series].sort((a, b) => (a.role === b.role ? 0 : a.role === "control" ? -1 : 1));
  const lines = ordered
    .map(
      (s) =>
        `<path class="gp-line gp-${s.role}" d="${linePath(s.points, x, y)}"/>${isolatedPoints(s.points)
          .map(
            (p) => `<circle class="gp-dot gp-${s.role}" cx="${x(p.t).toFixed(1)}" cy="${y(p.v).toFixed(1)}" r="1.5"/>`,
          )
          .join("")}`,
    )
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${chart.width} ${chart.height}" width="${chart.width}" height="${chart.height}" role="img" aria-label="${escapeXml(chart.title)}">${lines}</svg>`;
}

const LIGHT =
  "--gp-t:#ea580c;--gp-c:#2563eb;--gp-grid:#e4e4e7;--gp-axis:#71717a;--gp-fg:#18181b;--gp-muted:#52525b;--gp-bg:#ffffff;--gp-card:#fafafa;--gp-border:#e4e4e7";
const DARK =
  "--gp-t:#fb923c;--gp-c:#60a5fa;--gp-grid:#27272a;--gp-axis:#a1a1aa;--gp-fg:#f4f4f5;--gp-muted:#a1a1aa;--gp-bg:#09090b;--gp-card:#18181b;--gp-border:#27272a";

export type ChartTheme = "light" | "dark" | "auto";

function palette(text: string): Record<string, string> {
  return Object.fromEntries(text.split(";").map((pair) => pair.split(":") as [string, string]));
}

/**
 * The same style with every colour variable written out (auto reads as light): for renderers
 * without CSS custom properties, such as the PNG rasteriser.
 */
export function literalChartStyle(css: string, theme: ChartTheme): string {
  const colours = palette(theme === "dark" ? DARK : LIGHT);
  return css
    .replace(/@media \(prefers-color-scheme: dark\)\{[^{}]*\{[^{}]*\}\}/g, "")
    .replace(/(?:^|\})[^{}]*\{--gp-[^{}]*\}/g, (m) => (m.startsWith("}") ? "}" : ""))
    .replace(/var\((--gp-[a-z]+)\)/g, (_m, name: string) => colours[name] ?? "#000");
}

/** Colour variables for a theme ("auto" follows the reader's system) and the chart classes. */
export function svgChartStyle(theme: ChartTheme, scope = ":root"): string {
  const vars =
    theme === "dark"
      ? `${scope}{${DARK}}`
      : theme === "light"
        ? `${scope}{${LIGHT}}`
        : `${scope}{${LIGHT}}@media (prefers-color-scheme: dark){${scope}{${DARK}}}`;
  return (
    vars +
    ".gp-grid{stroke:var(--gp-grid);stroke-width:1}.gp-axis{fill:var(--gp-axis);font:10px system-ui,sans-serif}" +
    ".gp-line{fill:none;stroke-linejoin:round;stroke-linecap:round}.gp-treatment{stroke:var(--gp-t);stroke-width:2}.gp-control{stroke:var(--gp-c);stroke-width:1.5}" +
    ".gp-dot.gp-treatment{fill:var(--gp-t);stroke:none}.gp-dot.gp-control{fill:var(--gp-c);stroke:none}"
  );
}
