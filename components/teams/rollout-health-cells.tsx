import clsx from "clsx";
import Link from "next/link";
import { cohortPanelId } from "@/lib/domain/cohort-health";
import { renderSparkline } from "@/lib/charts/svg-chart";
import { REGRESSION_THRESHOLD } from "@/lib/domain/metric-comparison";
import type { MetricDefinitionView } from "@/lib/metrics/metric-types";
import { formatMetricValue } from "@/lib/metrics/format-metric-value";
import type { MetricHealth } from "@/lib/metrics/rollout-health";

const SPARK = { width: 104, height: 32 };

const compact = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 3 });

/** Three significant digits: a table cell shows a level, the release page the exact number. */
function shortValue(metric: MetricDefinitionView, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return "—";
  if (metric.kind === "error_rate") return `${compact.format(value * 100)}%`;
  const text =
    Math.abs(value) >= 1000
      ? new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 }).format(value)
      : compact.format(value);
  if (!metric.unit) return text;
  return metric.unit === "%" ? `${text}%` : `${text} ${metric.unit}`;
}

/** "5.1× control", "40% worse", "12% better", "worse (control at 0)". */
function describeHarm(harm: number): string {
  if (harm === Number.POSITIVE_INFINITY) return "worse (control at 0)";
  const percent = Math.round(Math.abs(harm) * 100);
  if (percent === 0) return "same as control";
  // Past twice as bad, the release page and the approval policy say "5× control": so does this cell.
  if (harm >= 1) return `${harm >= 9 ? Math.round(1 + harm) : Math.round((1 + harm) * 10) / 10}× control`;
  return harm > 0 ? `${percent}% worse` : `${percent}% better`;
}

/** The line colour of a variant, so "T" and "C" read against the sparkline (text stays high-contrast). */
export function Swatch({ role }: { role: "treatment" | "control" }) {
  return (
    <span
      aria-hidden
      className="mr-1 inline-block h-[3px] w-2.5 rounded-full align-middle"
      style={{ background: role === "treatment" ? "var(--gp-t)" : "var(--gp-c)" }}
    />
  );
}

function MetricName({ metric, stat }: { metric: MetricDefinitionView; stat: string }) {
  return (
    <p className="truncate font-medium">
      {metric.name}
      {stat !== "value" && <span className="muted font-normal"> {stat}</span>}
    </p>
  );
}

const ROW = "grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-3 text-xs";

function HealthCell({ health, releaseHref }: { health: MetricHealth; releaseHref?: string }) {
  if (health.state !== "ok") {
    return (
      <li className={ROW} data-metric={health.metric.key} data-state={health.state}>
        <MetricName metric={health.metric} stat={health.stat} />
        {health.state === "unavailable" ? (
          <span
            className="muted px-2 text-base"
            title="The metrics backend could not be read (logged on the server)"
            aria-label={`${health.metric.name}: unavailable`}
          >
            —
          </span>
        ) : (
          <span className="muted">No data in 24 h</span>
        )}
      </li>
    );
  }
  const { metric, comparison, last } = health;
  const regression = comparison.regression;
  const harm = comparison.harm;
  const svg = renderSparkline({
    ...SPARK,
    from: health.range.from,
    to: health.range.to,
    title: `${metric.name} in ${health.cohort.name}, last 24 hours: treatment ${formatMetricValue(metric, last.treatment)}, control ${formatMetricValue(metric, last.control)}`,
    series: [
      { label: "Treatment", role: "treatment", points: health.treatment },
      { label: "Control", role: "control", points: health.control },
    ],
  });
  // Only a difference that would count if it were real gets a caveat; "1% worse" speaks for itself.
  const caveat =
    regression || harm === null || harm <= REGRESSION_THRESHOLD
      ? ""
      : !comparison.enoughSamples
        ? " (few samples)"
        : !comparison.significant
          ? " (within noise)"
          : "";
  return (
    <li
      className={clsx(
        ROW,
        "rounded-md",
        regression && "-mx-1.5 bg-red-50 px-1.5 py-1 ring-1 ring-red-300 dark:bg-red-950/40 dark:ring-red-800",
      )}
      data-metric={metric.key}
      data-state={regression ? "regression" : "ok"}
    >
      <div className="min-w-0">
        <MetricName metric={metric} stat={health.stat} />
        <p
          className="muted truncate"
          title={`${health.basis === "worst" ? "Cohort where treatment looks worst against control" : "Cohort with most data (no comparison for this metric)"}: ${health.cohort.name}`}
        >
          {health.basis === "worst" ? "worst" : "busiest"}:{" "}
          {releaseHref ? (
            // Straight to that cohort's charts on the release page.
            <Link
              href={`${releaseHref}#${cohortPanelId(health.cohort.key)}`}
              className={clsx("hover:underline", regression && "font-medium text-red-800 underline dark:text-red-200")}
            >
              {health.cohort.name}
            </Link>
          ) : (
            health.cohort.name
          )}
        </p>
        <p className="tabular-nums">
          <span className="muted">last hour: </span>
          <span
            className="whitespace-nowrap"
            title={`Treatment, latest hour: ${formatMetricValue(metric, last.treatment)}`}
          >
            <Swatch role="treatment" />
            {shortValue(metric, last.treatment)}
          </span>{" "}
          <span
            className="whitespace-nowrap"
            title={`Control, latest hour: ${formatMetricValue(metric, last.control)}`}
          >
            <Swatch role="control" />
            {shortValue(metric, last.control)}
          </span>
        </p>
        {harm !== null && (
          <p
            className={regression ? "font-semibold text-red-700 dark:text-red-300" : "muted"}
            title="Treatment against control over the last 24 hours"
          >
            {regression ? (
              <>
                <span aria-hidden>▲ </span>Regression, 24 h:{" "}
              </>
            ) : (
              "24 h: "
            )}
            {describeHarm(harm)}
            {caveat}
          </p>
        )}
      </div>
      <span className="block shrink-0" dangerouslySetInnerHTML={{ __html: svg }} />
    </li>
  );
}

/** Treatment against control per key metric, one small line chart each. */
export function RolloutHealthCells({ health, releaseHref }: { health: MetricHealth[]; releaseHref?: string }) {
  return (
    <ul className="space-y-3" aria-label="Health, last 24 hours">
      {health.map((h) => (
        <HealthCell key={h.metric.key} health={h} releaseHref={releaseHref} />
      ))}
    </ul>
  );
}

/** What the health column shows while its numbers are on their way. */
export function RolloutHealthSkeleton({ metrics }: { metrics: { key: string; name: string }[] }) {
  return (
    <ul className="space-y-3" aria-label="Health, last 24 hours" aria-busy="true">
      {metrics.map((m) => (
        <li key={m.key} className={ROW} data-metric={m.key} data-state="loading">
          <div className="min-w-0 space-y-1">
            <p className="truncate font-medium">{m.name}</p>
            <p className="h-3 w-24 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
            <p className="h-3 w-20 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
          </div>
          <span
            className="block animate-pulse rounded bg-zinc-100 dark:bg-zinc-800/60"
            style={{ width: SPARK.width, height: SPARK.height }}
          />
        </li>
      ))}
    </ul>
  );
}
