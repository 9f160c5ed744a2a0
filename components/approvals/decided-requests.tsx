import { RelativeTime } from "@/components/common/relative-time";
import type { ChangeRequestStatus, ChangeRequestView } from "@/lib/change-requests/change-request-view";
import { formatBasisPoints } from "@/lib/domain/percent";
import { SubjectLink } from "./subject-link";

const GREY = "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300";
const BADGES: Record<Exclude<ChangeRequestStatus, "pending">, { label: string; tone: string }> = {
  applied: { label: "Applied", tone: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200" },
  rejected: { label: "Rejected", tone: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200" },
  stale: { label: "Stale", tone: GREY },
  expired: { label: "Expired", tone: GREY },
  cancelled: { label: "Cancelled", tone: GREY },
};

/** Who closed it, in words: approving a request that turned out stale applied nothing. */
function decidedBy(r: ChangeRequestView): string {
  if (r.status === "applied") return `approved by ${r.reviewerName ?? "someone"}`;
  if (r.status === "rejected") return `rejected by ${r.reviewerName ?? "someone"}`;
  if (r.status === "stale")
    return r.reviewerName
      ? `${r.reviewerName} approved after the ${r.cohort ? "cohort or the rollouts it affects" : "release"} had changed; nothing was applied`
      : `the ${r.cohort ? "cohort or the rollouts it affects" : "release"} had changed; nothing was applied`;
  if (r.status === "expired") return "expired before anyone approved it";
  return "cancelled; nothing was applied";
}

function what(r: ChangeRequestView): string {
  if (r.kind !== "set_rollout" || r.changes.length === 0) return r.summary;
  const side = (bp: number | null) => (bp === null ? "as everyone else" : formatBasisPoints(bp));
  return r.changes.map((c) => `${c.name} ${side(c.from)} → ${side(c.to)}`).join(", ");
}

export function DecidedRequests({ teamSlug, requests }: { teamSlug: string; requests: ChangeRequestView[] }) {
  if (requests.length === 0) return <p className="muted px-5 py-4 text-sm">Nothing decided yet.</p>;
  return (
    <ul className="divide-y divide-zinc-100 dark:divide-zinc-800" aria-label="Recently decided">
      {requests.map((r) => {
        const badge = BADGES[r.status as keyof typeof BADGES] ?? { label: r.status, tone: GREY };
        return (
          <li key={r.id} className="flex gap-3 px-5 py-3 text-sm">
            <span className={`h-fit w-20 shrink-0 rounded px-1.5 py-0.5 text-center text-xs font-medium ${badge.tone}`}>
              {badge.label}
            </span>
            <div className="min-w-0 space-y-0.5">
              <p>
                <SubjectLink teamSlug={teamSlug} request={r} className="font-medium hover:underline" />
                <span className="muted">:</span> {what(r)}
              </p>
              <p className="muted text-xs">
                requested by {r.requesterName} · {decidedBy(r)}
                {r.decidedAt && (
                  <>
                    {" "}
                    · <RelativeTime date={new Date(r.decidedAt)} />
                  </>
                )}
              </p>
              {r.reviewComment && <p className="text-xs">“{r.reviewComment}”</p>}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
