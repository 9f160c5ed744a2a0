import Link from "next/link";
import { RelativeTime } from "@/components/common/relative-time";
import type { Action } from "@/lib/http/actions/action-result";
import type { DecideChangeRequestInput } from "@/lib/change-requests/change-request-schemas";
import type { ChangeRequestView } from "@/lib/change-requests/change-request-view";
import { formatBasisPoints } from "@/lib/domain/percent";
import { CancelRequestButton } from "./cancel-request-button";

type Props = {
  teamSlug: string;
  requests: ChangeRequestView[];
  actorId: string;
  isAdmin: boolean;
  cancel: Action<DecideChangeRequestInput, { status: string }>;
};

/** Changes to this release waiting for a second person, right above the sliders they'd move. */
export function PendingChangeRequests({ teamSlug, requests, actorId, isAdmin, cancel }: Props) {
  if (requests.length === 0) return null;
  return (
    <section
      aria-labelledby="pending-requests-heading"
      className="rounded-xl border border-amber-300 bg-amber-50 px-5 py-4 dark:border-amber-800 dark:bg-amber-950/30"
    >
      <h2 id="pending-requests-heading" className="text-sm font-semibold text-amber-900 dark:text-amber-100">
        Waiting for approval ({requests.length})
      </h2>
      <ul className="mt-2 space-y-2 text-sm">
        {requests.map((request) => (
          <li key={request.id} className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <span className="font-medium">{describe(request)}</span>
            <span className="muted text-xs">
              requested by {request.requesterName} <RelativeTime date={new Date(request.createdAt)} /> · expires{" "}
              <RelativeTime date={new Date(request.expiresAt)} />
            </span>
            <Link href={`/teams/${teamSlug}/approvals`} className="text-xs link">
              Review
            </Link>
            {(request.requesterId === actorId || request.requesterUserId === actorId || isAdmin) && (
              <CancelRequestButton teamSlug={teamSlug} id={request.id} cancel={cancel} />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Cohort names rather than keys, and "everyone else" spelled out. */
function describe(request: ChangeRequestView): string {
  if (request.kind !== "set_rollout" || request.changes.length === 0) return request.summary;
  const side = (bp: number | null) => (bp === null ? "everyone else's" : formatBasisPoints(bp));
  return request.changes.map((c) => `${c.name} ${side(c.from)} → ${side(c.to)}`).join(", ");
}
