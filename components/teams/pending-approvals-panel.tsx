import Link from "next/link";
import { RelativeTime } from "@/components/common/relative-time";
import { SubjectLink } from "@/components/approvals/subject-link";
import type { ChangeRequestView } from "@/lib/change-requests/change-request-view";
import { formatBasisPoints } from "@/lib/domain/percent";

/** Cohort names rather than keys, and "everyone else" spelled out. */
function describe(request: ChangeRequestView): string {
  if (request.kind !== "set_rollout" || request.changes.length === 0) return request.summary;
  const side = (bp: number | null) => (bp === null ? "everyone else's" : formatBasisPoints(bp));
  return request.changes.map((c) => `${c.name} ${side(c.from)} → ${side(c.to)}`).join(", ");
}

type Props = { teamSlug: string; total: number; oldest: ChangeRequestView[] };

/** The oldest requests first: they expire first. The whole list is on the Approvals page. */
export function PendingApprovalsPanel({ teamSlug, total, oldest }: Props) {
  const approvals = `/teams/${teamSlug}/approvals`;
  return (
    <section className="card" aria-labelledby="pending-approvals-heading">
      <div className="flex items-center justify-between gap-3 border-b border-zinc-200 px-5 py-4 dark:border-zinc-800">
        <h2 id="pending-approvals-heading" className="flex items-center gap-2 whitespace-nowrap font-semibold">
          Pending approvals
          <span
            data-testid="pending-approvals-count"
            className={
              total > 0
                ? "rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900 dark:bg-amber-900 dark:text-amber-100"
                : "rounded-full bg-zinc-100 px-2 py-0.5 text-xs font-medium text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300"
            }
          >
            {total}
          </span>
        </h2>
        <Link href={approvals} className="whitespace-nowrap text-sm link">
          View all
        </Link>
      </div>
      {total === 0 ? (
        <p className="muted px-5 py-4 text-sm">Nothing is waiting for approval.</p>
      ) : (
        <ol className="divide-y divide-zinc-100 dark:divide-zinc-800" aria-label="Oldest pending requests">
          {oldest.map((request) => (
            <li key={request.id} className="px-5 py-3 text-sm">
              <p>
                <SubjectLink teamSlug={teamSlug} request={request} className="font-medium hover:underline" />
              </p>
              <p className="mt-0.5 break-words">{describe(request)}</p>
              <p className="muted mt-0.5 text-xs">
                {request.requesterName} · <RelativeTime date={new Date(request.createdAt)} /> · expires{" "}
                <RelativeTime date={new Date(request.expiresAt)} />
              </p>
            </li>
          ))}
          {total > oldest.length && (
            <li className="px-5 py-3 text-sm">
              <Link href={approvals} className="link">
                {total - oldest.length} more waiting
              </Link>
            </li>
          )}
        </ol>
      )}
    </section>
  );
}
