import clsx from "clsx";
import type { PlanPercentages } from "@/lib/domain/plans/plan-percentages";
import type { PlanView } from "@/lib/plans/plan-view";
import { minutesUntil } from "./plan-summary-words";
import { describeGates, describeTargets, tablesFrom, type CohortName } from "./plan-words";

type StepState = "done" | "current" | "stopped" | "next";

/** What the current step is doing now, in words. */
export function currentStepWords(plan: PlanView, now = Date.now()): string | null {
  const step = plan.definition.steps[plan.currentStep];
  const next = plan.definition.steps[plan.currentStep + 1];
  switch (plan.status) {
    case "draft":
    case "pending":
      return null;
    case "paused":
      return "Paused: no step is taken until someone resumes the plan";
    case "held":
      // The reason itself is in the notice above the timeline.
      return "Holding here until someone continues or resumes the plan";
    case "rolled_back":
      return "Rolled back here";
    case "cancelled":
      return "Cancelled here; the release keeps these percentages";
    case "finished":
      return null;
    case "running":
      break;
  }
  if (!step) return null;
  if (plan.waitingFor?.startsWith("Holding: metrics backend")) return "Holding until the metrics backend answers";
  if (plan.waitingFor?.startsWith("Holding")) return plan.waitingFor;
  if (step.promote) return "Promoting the release";
  const left =
    step.bakeMinutes > 0 && plan.stepStartedAt
      ? minutesUntil(new Date(Date.parse(plan.stepStartedAt) + step.bakeMinutes * 60_000).toISOString(), now)
      : null;
  if (left !== null)
    return `Baking: ${left} min left${next?.waitForPerson ? ", then a person continues" : next ? "" : ", then the plan finishes"}`;
  if (plan.waitingFor && !plan.waitingFor.startsWith("Baking")) return plan.waitingFor;
  return "Baked; checking the guardrails before the next step";
}

function stepState(plan: PlanView, index: number): StepState {
  if (index < plan.currentStep) return "done";
  if (index > plan.currentStep) return "next";
  if (plan.status === "finished") return "done";
  if (plan.status === "rolled_back" || plan.status === "cancelled") return "stopped";
  return "current";
}

const MARKS: Record<StepState, { glyph: string; className: string; label: string }> = {
  done: {
    glyph: "✓",
    className: "bg-emerald-600 text-white dark:bg-emerald-500 dark:text-zinc-950",
    label: "Done",
  },
  current: { glyph: "●", className: "bg-sky-600 text-white dark:bg-sky-400 dark:text-zinc-950", label: "Now" },
  stopped: { glyph: "✕", className: "bg-red-600 text-white dark:bg-red-500 dark:text-zinc-950", label: "Stopped" },
  next: {
    glyph: "",
    className: "border-2 border-zinc-300 bg-white dark:border-zinc-600 dark:bg-zinc-900",
    label: "To come",
  },
};

/**
 * The plan as a timeline: steps taken (✓), the one it is at (what it waits for, time left),
 * and the steps to come with old → new from the table it serves now.
 */
export function PlanTimeline({
  plan,
  cohorts,
  served,
  now,
}: {
  plan: PlanView;
  cohorts: readonly CohortName[];
  /** What the release serves now (for a plan not started: its saved percentages). */
  served: PlanPercentages;
  /** Left out: the time of this render ("12 min left" is worked out on the server; the page refreshes each minute). */
  now?: number;
}) {
  const steps = plan.definition.steps;
  const ahead = new Map(tablesFrom(served, steps, plan.currentStep + 1).map((t) => [t.index, t.before]));
  const current = currentStepWords(plan, now);
  return (
    <ol className="space-y-0" aria-label="Plan steps">
      {steps.map((step, index) => {
        const state = stepState(plan, index);
        const mark = MARKS[state];
        const gates = describeGates(step);
        const last = index === steps.length - 1;
        return (
          <li
            key={index}
            className="relative flex gap-3 pb-4 last:pb-0"
            aria-current={state === "current" ? "step" : undefined}
          >
            {!last && (
              <span
                aria-hidden
                className={clsx(
                  "absolute top-6 bottom-0 left-[0.6875rem] w-0.5",
                  state === "done" ? "bg-emerald-500/60" : "bg-zinc-200 dark:bg-zinc-700",
                )}
              />
            )}
            <span
              aria-hidden
              className={clsx(
                "relative z-10 flex size-6 shrink-0 items-center justify-center rounded-full text-xs font-bold",
                mark.className,
              )}
            >
              {mark.glyph}
            </span>
            <div className="min-w-0 flex-1 pt-0.5">
              <p className="text-sm">
                <span className="font-medium">Step {index + 1}</span>
                <span className="sr-only"> ({mark.label})</span>
                {state === "current" && (
                  <span className="ml-2 rounded bg-sky-100 px-1.5 py-0.5 text-xs font-medium text-sky-800 dark:bg-sky-900 dark:text-sky-100">
                    now
                  </span>
                )}
                <span className={clsx("ml-2", state === "done" && "muted")}>
                  {describeTargets(step, ahead.get(index) ?? null, cohorts)}
                </span>
              </p>
              {gates.length > 0 && <p className="muted text-xs">{gates.join(" · ")}</p>}
              {(state === "current" || state === "stopped") && current && (
                <p
                  className={clsx(
                    "mt-1 text-sm font-medium",
                    state === "stopped"
                      ? "text-red-700 dark:text-red-300"
                      : plan.status === "running" && !current.startsWith("Holding")
                        ? "text-sky-800 dark:text-sky-200"
                        : "text-amber-800 dark:text-amber-200",
                  )}
                  data-testid="plan-current"
                >
                  {current}
                </p>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
