import { describe, expect, it } from "vitest";
import { escapeXml, linePath, niceTicks, renderLineChart, renderSparkline, svgChartStyle } from "./svg-chart";

const chart = {
  width: 300,
  height: 120,
  from: 0,
  to: 3_600_000,
  title: 'Error rate <Mobile> "treatment"',
  formatValue: (v: number) => `${v}%`,
  formatTime: (t: number) => `${t / 60_000}m`,
  series: [
    {
      label: "Treatment",
      role: "treatment" as const,
      points: [
        { t: 0, v: 1 },
        { t: 1_800_000, v: null },
        { t: 3_600_000, v: 4 },
      ],
    },
    {
      label: "Control",
      role: "control" as const,
      points: [
        { t: 0, v: 1 },
        { t: 3_600_000, v: 2 },
      ],
    },
  ],
};

describe("svg charts", () => {
  it("ticks run from 0 past the largest value in round steps", () => {
    expect(niceTicks(4)).toEqual([0, 1, 2, 3, 4]);
    expect(niceTicks(0.037)).toEqual([0, 0.01, 0.02, 0.03, 0.04]);
    expect(niceTicks(870)).toEqual([0, 250, 500, 750, 1000]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });

  it("breaks the line where a value is missing", () => {
    expect(
      linePath(
        chart.series[0]!.points,
        (t) => t / 1000,
        (v) => v,
      ),
    ).toBe("M0.0,1.0M3600.0,4.0");
    expect(
      linePath(
        [
          { t: 0, v: 1 },
          { t: 1, v: 2 },
        ],
        (t) => t,
        (v) => v,
      ),
    ).toBe("M0.0,1.0L1.0,2.0");
  });

  it("a point with no neighbour gets a dot (a one-point line would be invisible)", () => {
    const svg = renderLineChart(chart);
    expect(svg.match(/<circle class="gp-dot gp-treatment"/g)).toHaveLength(2);
    expect(svg).not.toContain("gp-dot gp-control");
  });

  it("escapes every text it draws", () => {
    const svg = renderLineChart(chart);
    expect(svg).not.toContain("<Mobile>");
    expect(svg).toContain("Error rate &lt;Mobile&gt; &quot;treatment&quot;");
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });

  it("draws control under treatment, labels the last value, and says when there is no data", () => {
    const svg = renderLineChart(chart);
    expect(svg.indexOf("gp-control")).toBeLessThan(svg.indexOf("gp-treatment"));
    expect(svg).toContain("<title>Treatment: 4% at 60m</title>");
    expect(renderLineChart({ ...chart, series: [] })).toContain("No data in this range yet");
    expect(renderLineChart({ ...chart, series: [], emptyText: "No exposures counted to divide by" })).toContain(
      "No exposures counted to divide by",
    );
    expect(renderSparkline(chart)).toMatch(/^<svg[^>]+role="img"[^>]+aria-label="Error rate/);
  });

  it("themes: fixed light or dark, or following the reader's system", () => {
    expect(svgChartStyle("dark")).toContain("--gp-t:#fb923c");
    expect(svgChartStyle("light")).not.toContain("prefers-color-scheme");
    expect(svgChartStyle("auto")).toContain("@media (prefers-color-scheme: dark)");
  });
});

describe("literal colours", () => {
  it("writes out every variable for renderers without custom properties", async () => {
    const { literalChartStyle, svgChartStyle } = await import("./svg-chart");
    for (const theme of ["light", "dark", "auto"] as const) {
      const css = literalChartStyle(`${svgChartStyle(theme, "svg")}.x{fill:var(--gp-bg)}`, theme);
      expect(css).not.toContain("var(");
      expect(css).not.toContain("--gp-");
      expect(css).not.toContain("prefers-color-scheme");
      expect(css).toContain(theme === "dark" ? ".gp-treatment{stroke:#fb923c" : ".gp-treatment{stroke:#ea580c");
    }
  });
});
