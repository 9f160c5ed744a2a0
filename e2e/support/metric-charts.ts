import { spawn } from "node:child_process";
import path from "node:path";
import { expect, type Locator, type Page } from "@playwright/test";

export type Variant = "treatment" | "control";

/**
 * Runs the demo traffic generator (scripts/demo-traffic.ts) against a test server until it
 * exits on its own; resolves with its output, rejects with it when it fails.
 */
export function runDemoTraffic(baseUrl: string, sdkKey: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        path.resolve("scripts/demo-traffic.ts"),
        "--url",
        baseUrl,
        "--key",
        sdkKey,
        "--state-file",
        "none",
        ...args,
      ],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve(output) : reject(new Error(`demo traffic exited with ${code}:\n${output}`)),
    );
  });
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A cohort as its panel shows it: `key` names the panel, `name` is in every chart's label. */
export type ChartCohort = { key: string; name: string };

/**
 * The release page's metrics section, found by the labels the charts give themselves. CSS
 * attribute selectors rather than role queries: a page of ~30 live SVG charts makes every
 * accessible-name computation slow on a busy machine.
 */
export class MetricCharts {
  constructor(readonly page: Page) {}

  /** One cohort's panel (labelled by its heading, the cohort's name and key). */
  cohortPanel(cohort: ChartCohort): Locator {
    return this.page.locator(`section[aria-labelledby="cohort-panel-${cohort.key}"]`);
  }

  /** A metric's chart in a cohort's panel: "Error rate", "Latency p95", … */
  chart(cohort: ChartCohort, metricLabel: string): Locator {
    return this.cohortPanel(cohort).locator(
      `[role="img"][aria-label="${metricLabel} for ${cohort.name}: treatment vs control"]`,
    );
  }

  /** The exposures chart: distinct users when the store has them, evaluations otherwise. */
  exposureChart(cohort: ChartCohort): Locator {
    return this.chart(cohort, "Exposed users").or(this.chart(cohort, "Evaluations"));
  }

  /** The card around a metric's chart: title, subtitle, and the chart or why there is none. */
  card(cohort: ChartCohort, metricName: string): Locator {
    return this.cohortPanel(cohort)
      .locator("figure")
      .filter({ has: this.page.locator("figcaption p", { hasText: new RegExp(`^${escape(metricName)}$`) }) });
  }

  legend(cohort: ChartCohort): Locator {
    return this.cohortPanel(cohort).locator('ul[aria-label="Legend"]');
  }

  line(chart: Locator, variant: Variant): Locator {
    return chart.locator(`path.recharts-line-curve[stroke="var(--chart-${variant})"]`);
  }

  /** The (x, y) points of a variant's line as drawn; none when the variant has no data. */
  async linePoints(chart: Locator, variant: Variant): Promise<{ x: number; y: number }[]> {
    await expect(chart).toBeVisible();
    const paths = await this.line(chart, variant).evaluateAll((elements) =>
      elements.map((e) => e.getAttribute("d") ?? ""),
    );
    return paths.flatMap((d) =>
      [...d.matchAll(/[ML]\s*(-?[\d.e]+)[ ,](-?[\d.e]+)/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) })),
    );
  }

  /**
   * How high a variant's line typically runs, in SVG pixels above the top edge (y grows
   * downwards, so this is minus the median y). Both variants share the value axis, so the
   * higher line has the bigger values. The median, because a thin step may run off the top of
   * the scale (lib/metrics/value-axis.ts) and one such point would drag a mean anywhere.
   */
  async averageHeight(chart: Locator, variant: Variant): Promise<number> {
    const points = await this.linePoints(chart, variant);
    expect(points.length, `points on the ${variant} line`).toBeGreaterThan(1);
    const ys = points.map((p) => p.y).sort((a, b) => a - b);
    const mid = ys.length >> 1;
    return -(ys.length % 2 ? ys[mid]! : (ys[mid - 1]! + ys[mid]!) / 2);
  }

  /** Hovers a chart at a fraction of its plot width and returns the tooltip's text. */
  async tooltipAt(chart: Locator, fraction: number): Promise<string> {
    const box = await chart.boundingBox();
    if (!box) throw new Error("the chart is not visible");
    // The plot sits between the value axis on the left and the rollout axis on the right.
    const left = 44;
    const right = 40;
    await chart.hover({ position: { x: left + (box.width - left - right) * fraction, y: box.height / 2 } });
    const tooltip = chart.locator(".recharts-tooltip-wrapper");
    await expect(tooltip).toContainText("Treatment");
    return (await tooltip.innerText()).replace(/\s+/g, " ");
  }
}
