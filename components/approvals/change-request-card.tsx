import Link from "next/link";
import type { ComponentProps } from "react";
import { RelativeTime } from "@/components/common/relative-time";
import type { ChangeRequestView } from "@/lib/approvals/change-request-view";
import { DecideRequest } from "./decide-request";
import { RequestChanges } from "./request-changes";

type Props = {
  teamSlug: string;
  request: ChangeRequestView;
  viewer: { id: string; canApprove: boolean; isAdmin: boolean };
  actions: Pick<ComponentProps<typeof DecideRequest>, "approve" | "reject" | "cancel">;
};

/** A pending request: what changes, why it is held, who asks and why, and what you may do. */
export function ChangeRequestCard({ teamSlug, request, viewer, actions }: Props) {
  const own = request.requesterId === viewer.id;
  return (
    <article aria-label={`Change request: ${request.release.name} in ${request.environment.name}`} className="card space-y-3 p-5">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="font-semibold">
          <Link href={`/teams/${teamSlug}/releases/${request.release.key}?env=${request.environment.key}`} className="hover:underline">
            {request.release.name}
          </Link>{" "}
          <span className="muted font-normal">in {request.environment.name}</span>
          {request.release.critical && <span className="ml-2 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-800 dark:bg-amber-950 dark:text-amber-200">Critical</span>}
        </h3>
        <p className="muted text-xs">
          requested <RelativeTime date={new Date(request.createdAt)} /> by <span className="font-medium text-zinc-900 dark:text-zinc-100">{request.requesterName}</span> · expires{" "}
          <RelativeTime date={new Date(request.expiresAt)} />
        </p>
      </header>
      <RequestChanges request={request} />
      <ul className="muted list-disc pl-5 text-xs" aria-label="Why it needs approval">
        {request.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
      {request.comment && <blockquote className="border-l-2 border-zinc-300 pl-3 text-sm italic dark:border-zinc-700">{request.comment}</blockquote>}
      {own && <p className="text-sm text-amber-800 dark:text-amber-200">You requested this — someone else must approve it.</p>}
      {!own && !viewer.canApprove && <p className="muted text-sm">Approvers and admins can approve or reject this.</p>}
      <DecideRequest teamSlug={teamSlug} id={request.id} can={{ approve: viewer.canApprove && !own, cancel: own || viewer.isAdmin }} {...actions} />
    </article>
  );
}
