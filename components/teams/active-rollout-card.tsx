import type { ReactNode } from "react";
import Link from "next/link";
import { RelativeTime } from "@/components/common/relative-time";
import { ExposureBars } from "@/components/releases/exposure-bars";
import { StatusBadge } from "@/components/releases/status-badge";
import type { OverviewRollout } from "@/lib/teams/get-team-overview";
import { cohortPanelId } from "@/lib/domain/cohort-health";
import { attentionRank, describeAttention } from "@/lib/domain/rollout-attention";

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
    <article aria-labelledby={headingId} className="card p-4" data-attention={attentionRank(rollout.attention)}>
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
      <AttentionLine rollout={rollout} href={href} />
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

/** Why this row came first: each regressing cohort links to its charts; a held or unwatched plan says so. */
function AttentionLine({ rollout, href }: { rollout: OverviewRollout; href: string }) {
  const plan = describeAttention({ ...rollout.attention, regressing: 0 });
  if (rollout.regressing.length === 0 && plan.length === 0) return null;
  return (
    <p
      data-testid="rollout-attention"
      className="mt-2 flex flex-wrap gap-x-3 gap-y-1 rounded-md bg-red-50 px-2 py-1 text-sm text-red-900 dark:bg-red-950/40 dark:text-red-100"
    >
      <span className="font-semibold">
        <span aria-hidden>▲ </span>Needs attention:
      </span>
      {rollout.regressing.map((c) => (
        <Link key={c.cohortKey} href={`${href}#${cohortPanelId(c.cohortKey)}`} className="underline">
          {c.cohortName} regressing{c.words ? ` (${c.words}, ${c.basis})` : ""}
        </Link>
      ))}
      {plan.map((words) => (
        <span key={words}>{words}</span>
      ))}
    </p>
  );
}
