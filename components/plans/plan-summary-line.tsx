import clsx from "clsx";
import type { PlanSummary } from "@/lib/plans/list-plan-summaries";
import { summarisePlan, type SummaryTone } from "./plan-summary-words";

const TONES: Record<SummaryTone, string> = {
  ok: "text-emerald-800 dark:text-emerald-200",
  info: "text-sky-800 dark:text-sky-200",
  warn: "text-amber-800 dark:text-amber-200",
  bad: "text-red-700 dark:text-red-300",
  muted: "text-zinc-600 dark:text-zinc-400",
};

/** "Plan: step 3 of 5, next in 12 min, guardrails healthy", or why it holds. */
export function PlanSummaryLine({ plan, now }: { plan: PlanSummary; now: number }) {
  const { text, tone } = summarisePlan(plan, now);
  return (
    <p className={clsx("text-sm", TONES[tone])} data-testid="plan-summary">
      <span className="font-medium">Plan:</span> {text}
    </p>
  );
}
