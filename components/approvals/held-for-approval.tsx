import Link from "next/link";
import type { ChangeRequestView } from "@/lib/change-requests/change-request-view";

/** After a save the policy held: what was sent, why, and where approvers will see it. */
export function HeldForApproval({ teamSlug, request }: { teamSlug: string; request: ChangeRequestView }) {
  return (
    <div
      role="status"
      className="space-y-1 rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100"
    >
      <p className="font-medium">Sent for approval: nothing changes until someone else approves it.</p>
      <p className="break-words">{request.summary}</p>
      <ul className="list-disc break-words pl-5">
        {request.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
      <p>
        <Link href={`/teams/${teamSlug}/approvals`} className="font-medium underline">
          See it on Approvals
        </Link>
      </p>
    </div>
  );
}
