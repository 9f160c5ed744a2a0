import { formatBasisPoints } from "@/lib/domain/percent";
import type { ChangeRequestView } from "@/lib/change-requests/change-request-view";

/** What a decision did, said plainly: approving can end in "nothing was applied". */
export type DecisionOutcome = { tone: "good" | "warn" | "neutral"; text: string };

export function describeOutcome(status: string, request: ChangeRequestView): DecisionOutcome {
  switch (status) {
    case "applied":
      return { tone: "good", text: `Approved and applied: ${applied(request)}.` };
    case "stale":
      return {
        tone: "warn",
        text: request.cohort
          ? `Stale: the cohort, or a rollout it affects, changed since the request; nothing was applied. ${request.requesterName} can ask again from the cohort's page.`
          : `Stale: the release changed since the request; nothing was applied. ${request.requesterName} can ask again from the release page.`,
      };
    case "expired":
      return {
        tone: "warn",
        text: "Expired: the request ran out of time before it was approved; nothing was applied.",
      };
    case "rejected":
      return { tone: "neutral", text: `Rejected: nothing was applied. ${request.requesterName} sees your comment.` };
    case "cancelled":
      return { tone: "neutral", text: "Cancelled: nothing was applied." };
    default:
      return { tone: "neutral", text: status };
  }
}

function applied(request: ChangeRequestView): string {
  const { release, environment } = request;
  if (!release || !environment) return request.summary;
  if (request.kind === "promote") return `${release.name} is promoted to everyone in ${environment.name}`;
  if (request.kind === "start") return `${release.name} is rolling out in ${environment.name}`;
  if (request.kind !== "set_rollout") return `${request.summary}: done for ${release.name} in ${environment.name}`;
  const now = request.changes
    .map((c) => `${c.name} ${c.to === null ? "as everyone else" : formatBasisPoints(c.to)}`)
    .join(", ");
  return `${release.name} in ${environment.name} is now at ${now}`;
}

export const OUTCOME_TONES: Record<DecisionOutcome["tone"], string> = {
  good: "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950/40 dark:text-emerald-100",
  warn: "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100",
  neutral: "border-zinc-200 bg-zinc-50 text-zinc-800 dark:border-zinc-700 dark:bg-zinc-800/60 dark:text-zinc-100",
};
