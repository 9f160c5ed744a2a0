import { RelativeTime } from "@/components/common/relative-time";
import type { ChangeRequestView } from "@/lib/approvals/change-request-view";

const TONES: Record<string, string> = {
  applied: "bg-emerald-50 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200",
  rejected: "bg-red-50 text-red-700 dark:bg-red-950 dark:text-red-300",
};

export function DecidedRequests({ requests }: { requests: ChangeRequestView[] }) {
  if (requests.length === 0) return <p className="muted px-5 py-4 text-sm">Nothing decided yet.</p>;
  return (
    <ul className="divide-y divide-zinc-100 dark:divide-zinc-800" aria-label="Recently decided">
      {requests.map((r) => (
        <li key={r.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-5 py-3 text-sm">
          <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${TONES[r.status] ?? "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"}`}>{r.status}</span>
          <span className="font-medium">{r.release.name}</span>
          <span className="muted">in {r.environment.name}:</span>
          <span>{r.summary}</span>
          <span className="muted text-xs">
            by {r.requesterName}
            {r.reviewerName && r.status !== "cancelled" ? ` · ${r.status} by ${r.reviewerName}` : ""}
            {r.decidedAt && (
              <>
                {" "}
                · <RelativeTime date={new Date(r.decidedAt)} />
              </>
            )}
            {r.reviewComment ? ` · “${r.reviewComment}”` : ""}
          </span>
        </li>
      ))}
    </ul>
  );
}
