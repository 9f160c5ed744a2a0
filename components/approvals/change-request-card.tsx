import type { ReactNode } from "react";
import { RelativeTime } from "@/components/common/relative-time";
import type { ChangeRequestView } from "@/lib/change-requests/change-request-view";
import type { CohortHealth } from "@/lib/domain/cohort-health";
import { OUTCOME_TONES, type DecisionOutcome } from "./decision-outcome";
import { RequestChanges } from "./request-changes";
import { SubjectLink } from "./subject-link";

type Props = {
  teamSlug: string;
  request: ChangeRequestView;
  /** Whose card this is: the requester never approves their own. */
  own: boolean;
  canApprove: boolean;
  /** Set once this person decided it: shown instead of the controls. */
  outcome: DecisionOutcome | null;
  /** The approve/reject/cancel controls, when this person has any. */
  controls: ReactNode;
  /** The release's regressing cohorts in that environment now, worst first (rollout requests only). */
  regressing?: CohortHealth[];
};

/** Whether the request raises this cohort: its own line goes up, or a promote raises everyone. */
function raises(request: ChangeRequestView, cohortKey: string): boolean {
  if (request.kind === "promote" || request.kind === "start") return true;
  return request.changes.some((c) => c.key === cohortKey && (c.to ?? 0) > (c.from ?? 0));
}

/** A pending request: what changes, why it is held, who asks and why, and what you may do. */
export function ChangeRequestCard({ teamSlug, request, own, canApprove, outcome, controls, regressing }: Props) {
  return (
    <article aria-label={`Change request: ${request.subject}`} className="card space-y-4 p-5">
      <header className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h3 className="font-semibold">
          <SubjectLink
            teamSlug={teamSlug}
            request={request}
            className="text-brand-600 hover:underline dark:text-brand-100"
          />
          {request.cohort && (
            <span className="muted ml-2 text-xs font-normal">changes who gets releases in every environment</span>
          )}
          {request.release?.critical && (
            <span className="ml-2 rounded-full bg-amber-100 px-2 py-0.5 align-middle text-xs font-medium text-amber-800 dark:bg-amber-950 dark:text-amber-200">
              Critical
            </span>
          )}
        </h3>
        <p className="muted text-xs">
          requested <RelativeTime date={new Date(request.createdAt)} /> by{" "}
          <span className="font-medium text-zinc-900 dark:text-zinc-100">{request.requesterName}</span>
          {!outcome && (
            <>
              {" "}
              · expires <RelativeTime date={new Date(request.expiresAt)} />
            </>
          )}
        </p>
      </header>
      <div className="grid gap-4 sm:grid-cols-2">
        <Part title="Change">
          <RequestChanges request={request} />
        </Part>
        <Part title="Why it needs approval">
          <ul className="list-disc space-y-0.5 pl-5 text-sm" aria-label="Why it needs approval">
            {request.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </Part>
      </div>
      {regressing && regressing.length > 0 && (
        <div
          role="note"
          aria-label="Health now"
          className="space-y-1 rounded-lg border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950/50 dark:text-red-100"
        >
          <p className="font-medium">Health now in {request.environment?.name ?? "this environment"}</p>
          <ul className="list-disc pl-5">
            {regressing.map((h) => (
              <li key={h.cohortKey}>
                <span className="font-medium">{h.cohortName}</span>: {h.words ?? "regressing"} ({h.basis})
                {raises(request, h.cohortKey) && <span className="font-semibold"> · this request raises it</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
      <Part title={`Comment from ${request.requesterName}`}>
        {request.comment ? (
          <blockquote className="border-l-2 border-zinc-300 pl-3 text-sm dark:border-zinc-700">
            {request.comment}
          </blockquote>
        ) : (
          <p className="muted text-sm">No comment.</p>
        )}
      </Part>
      {outcome ? (
        <p role="status" className={`rounded-lg border px-3 py-2 text-sm ${OUTCOME_TONES[outcome.tone]}`}>
          {outcome.text}
        </p>
      ) : (
        <div className="space-y-3 border-t border-zinc-100 pt-4 dark:border-zinc-800">
          {own && (
            <p className="text-sm font-medium text-amber-800 dark:text-amber-200">
              You requested this — someone else must approve it.
            </p>
          )}
          {!own && !canApprove && (
            <p className="muted text-sm">Waiting for an approver or admin; you can read it but not decide it.</p>
          )}
          {controls}
        </div>
      )}
    </article>
  );
}

function Part({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="space-y-1">
      <h4 className="muted text-xs font-medium uppercase tracking-wide">{title}</h4>
      {children}
    </div>
  );
}
