import type { ReactNode } from "react";
import Link from "next/link";
import { RelativeTime } from "@/components/common/relative-time";
import { ExposureBars } from "@/components/releases/exposure-bars";
import { StatusBadge } from "@/components/releases/status-badge";
import type { OverviewRollout } from "@/lib/teams/get-team-overview";

type Props = {
  rollout: OverviewRollout;
  teamSlug: string;
  environmentKey: string;
  health: ReactNode;
  /** Where its rollout plan stands, in one line (none: no plan owns it). */
  plan?: ReactNode;
};

/** One active rollout on the team page: where it stands, who gets it, and how it is doing. */
export function ActiveRolloutCard({ rollout, teamSlug, environmentKey, health, plan }: Props) {
  const href = `/teams/${teamSlug}/releases/${rollout.key}?env=${environmentKey}`;
  const headingId = `rollout-${rollout.key}`;
  return (
    <article aria-labelledby={headingId} className="card p-4">
      <div className="flex flex-wrap items-start justify-between gap-x-3 gap-y-2">
        <div className="min-w-0">
          <h3 id={headingId} className="font-medium">
            <Link href={href} className="hover:underline">
              {rollout.name}
            </Link>
          </h3>
          <p className="muted truncate text-xs">
            <span className="font-mono">{rollout.key}</span>
            {rollout.ownerName ? ` · owner ${rollout.ownerName}` : ""}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {rollout.critical && (
            <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-800 dark:bg-amber-950 dark:text-amber-200">
              Critical
            </span>
          )}
          {rollout.pendingRequests > 0 && (
            <Link
              href={`/teams/${teamSlug}/approvals`}
              className="rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-inset ring-amber-300 hover:underline dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800"
            >
              {rollout.pendingRequests} awaiting approval
            </Link>
          )}
          <StatusBadge status={rollout.status} />
        </div>
      </div>
      <p className="mt-2 text-sm" data-testid="rollout-summary">
        <span className="font-medium">{rollout.summary.headline}</span>
        <span className="muted"> · {rollout.summary.detail}</span>
      </p>
      {plan && <div className="mt-1">{plan}</div>}
      <div className="mt-3 grid gap-4 md:grid-cols-2 md:gap-6">
        <ExposureBars
          status={rollout.status}
          cohorts={rollout.cohorts}
          defaultBasisPoints={rollout.defaultBasisPoints}
        />
        <div className="min-w-0">{health}</div>
      </div>
      <p className="muted mt-3 text-xs">
        Last change <RelativeTime date={rollout.updatedAt} />
        {rollout.updatedByName ? ` by ${rollout.updatedByName}` : ""}
      </p>
    </article>
  );
}
