import type { GuardrailState } from "@/lib/domain/guardrails/guardrail-types";
import type { PlanSummary } from "@/lib/plans/list-plan-summaries";

/** ok: healthy; info: on its way, nothing wrong yet; warn: holds or waits for someone; bad: harm. */
export type SummaryTone = "ok" | "info" | "warn" | "bad" | "muted";

/** Whole minutes from now until `iso`, at least 1 while it is ahead; null when it has passed or is unknown. */
export function minutesUntil(iso: string | null, now: number): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso) - now;
  return ms > 0 ? Math.ceil(ms / 60_000) : null;
}

/** "guardrails healthy", "guardrails not yet sure", "regression", or null with none judged yet. */
export function describeGuardrails(counts: Record<GuardrailState, number>): { text: string; tone: SummaryTone } {
  const total = counts.healthy + counts.waiting + counts.inconclusive + counts.breach;
  if (total === 0) return { text: "no guardrail verdict yet", tone: "muted" };
  if (counts.breach > 0) return { text: `regression in ${counts.breach} of ${total} guardrails`, tone: "bad" };
  if (counts.inconclusive > 0) return { text: "guardrails not yet sure", tone: "info" };
  if (counts.waiting > 0) return { text: "guardrails waiting for data", tone: "info" };
  return { text: "guardrails healthy", tone: "ok" };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * One line for the team page: "step 3 of 5, next in 12 min, guardrails healthy", or the reason
 * the plan holds. The words the controller stored are used as they are where it has them.
 */
export function summarisePlan(plan: PlanSummary, now: number): { text: string; tone: SummaryTone } {
  const step = `step ${plan.currentStep + 1} of ${plan.stepCount}`;
  switch (plan.status) {
    case "draft":
      return { text: `made, not started (${plan.stepCount} steps)`, tone: "muted" };
    case "pending":
      return { text: "waiting for approval to start", tone: "warn" };
    case "paused":
      return { text: `paused at ${step}`, tone: "warn" };
    case "held":
      return { text: `${step} — ${plan.heldReason ?? "holding"}`, tone: plan.guardrails.breach > 0 ? "bad" : "warn" };
    case "running":
      break;
    default:
      return { text: plan.statusLabel.toLowerCase(), tone: "muted" };
  }
  const guardrails = describeGuardrails(plan.guardrails);
  if (plan.waitingFor?.startsWith("Holding")) return { text: `${step} — ${plan.waitingFor}`, tone: "warn" };
  if (plan.promotes) return { text: `${step}, promoting`, tone: "info" };
  const left = minutesUntil(plan.bakeEndsAt, now);
  const last = plan.nextWaitsForPerson === null;
  // The controller's "Baking …: 12 min left" is a minute old at best: the clock says it better.
  const waiting = plan.waitingFor && !plan.waitingFor.startsWith("Baking") ? lowerFirst(plan.waitingFor) : null;
  const next =
    left !== null
      ? `${last ? "finishes" : "next"} in ${left} min${plan.nextWaitsForPerson ? " (a person continues it)" : ""}`
      : (waiting ?? "checking the guardrails");
  if (waiting?.startsWith("waiting for data") && left === null) return { text: `${step}, ${waiting}`, tone: "info" };
  if (waiting?.startsWith("waiting for a person"))
    return { text: `${step}, ${waiting}, ${guardrails.text}`, tone: "warn" };
  return { text: `${step}, ${next}, ${guardrails.text}`, tone: guardrails.tone };
}
