import clsx from "clsx";
import { cohortPanelId, type CohortHealth, type CohortHealthState } from "@/lib/domain/cohort-health";
import { ScrollToCohort } from "./scroll-to-cohort";

const STYLES: Record<CohortHealthState, string> = {
  regressing: "bg-red-50 text-red-900 ring-red-300 dark:bg-red-950/60 dark:text-red-100 dark:ring-red-800",
  not_sure: "bg-amber-50 text-amber-900 ring-amber-300 dark:bg-amber-950/50 dark:text-amber-100 dark:ring-amber-800",
  healthy:
    "bg-emerald-50 text-emerald-900 ring-emerald-300 dark:bg-emerald-950/50 dark:text-emerald-100 dark:ring-emerald-800",
  no_data: "",
};

const LABELS: Record<CohortHealthState, string> = {
  regressing: "Regressing",
  not_sure: "Not sure yet",
  healthy: "Healthy",
  no_data: "No data",
};

const MARKS: Record<CohortHealthState, string> = { regressing: "▲", not_sure: "?", healthy: "✓", no_data: "–" };

type Props = {
  /** Worst first (readCohortHealth sorts them). */
  cohorts: CohortHealth[];
  guardrails: boolean;
  unavailable: string[];
};

/**
 * The release's health per cohort at the top of the page, worst first, each linking to its
 * cohort's charts further down: the team page knows about a regression, so must this page.
 */
export function HealthStrip({ cohorts, guardrails, unavailable }: Props) {
  const compared = cohorts.filter((c) => c.state !== "no_data");
  const silent = cohorts.filter((c) => c.state === "no_data");
  return (
    <section id="health" aria-labelledby="health-heading" className="card space-y-2 px-4 py-3">
      <ScrollToCohort />
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <h2 id="health-heading" className="text-sm font-semibold">
          Health by cohort
        </h2>
        <p className="muted text-xs">
          {guardrails
            ? "The rollout plan's guardrails where they judge; elsewhere treatment vs control, key metrics, last 24 h"
            : "Treatment vs control, key metrics, last 24 h"}
        </p>
      </div>
      {compared.length > 0 ? (
        <ul aria-label="Health by cohort" className="flex flex-wrap gap-2">
          {compared.map((c) => (
            <li key={c.cohortKey} data-state={c.state}>
              <a
                href={`#${cohortPanelId(c.cohortKey)}`}
                className={clsx(
                  "inline-flex max-w-full flex-wrap items-baseline gap-x-1.5 rounded-lg px-2.5 py-1 text-sm ring-1 ring-inset hover:underline",
                  STYLES[c.state],
                )}
              >
                <span aria-hidden>{MARKS[c.state]}</span>
                <span className="font-semibold">{c.cohortName}</span>
                <span>
                  {LABELS[c.state]}
                  {c.words ? `: ${c.words}` : ""}
                </span>
                <span className="text-xs opacity-80">({c.basis})</span>
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted text-sm">
          Nothing to compare yet: no cohort has both treatment and control data for the key metrics.
        </p>
      )}
      {compared.length > 0 && silent.length > 0 && (
        <p className="muted text-xs">No data to compare: {silent.map((c) => c.cohortName).join(", ")}</p>
      )}
      {unavailable.length > 0 && (
        <p className="text-xs text-amber-800 dark:text-amber-200">
          Could not read {unavailable.join(", ")} from the metrics backend: health may be incomplete.
        </p>
      )}
    </section>
  );
}

/** The header's one-glance badge: "1 cohort regressing", linking to the strip. */
export function HealthBadge({ cohorts }: { cohorts: CohortHealth[] }) {
  const regressing = cohorts.filter((c) => c.state === "regressing");
  if (regressing.length === 0) return null;
  return (
    <a
      href="#health"
      data-testid="health-badge"
      title={regressing.map((c) => `${c.cohortName}: ${c.words ?? "regressing"}`).join("\n")}
      className="inline-flex items-center gap-1 rounded-full bg-red-50 px-2 py-0.5 text-xs font-medium text-red-800 ring-1 ring-inset ring-red-300 hover:underline dark:bg-red-950 dark:text-red-200 dark:ring-red-800"
    >
      <span aria-hidden>▲</span>
      {regressing.length} cohort{regressing.length === 1 ? "" : "s"} regressing
    </a>
  );
}
