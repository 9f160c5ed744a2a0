import Link from "next/link";
import type { ReactNode } from "react";
import clsx from "clsx";
import type { ReleasePlanView } from "@/lib/plans/get-release-plan";
import type { PlanView } from "@/lib/plans/plan-view";
import { formatUtc } from "./plan-words";

const TONES = {
  bad: "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950/40 dark:text-red-100",
  warn: "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100",
  ok: "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950/40 dark:text-emerald-100",
  muted: "border-zinc-200 bg-zinc-50 text-zinc-800 dark:border-zinc-700 dark:bg-zinc-950/40 dark:text-zinc-200",
};

function Notice({ tone, children, alert }: { tone: keyof typeof TONES; children: ReactNode; alert?: boolean }) {
  return (
    <div role={alert ? "alert" : "status"} className={clsx("rounded-lg border px-3 py-2 text-sm", TONES[tone])}>
      {children}
    </div>
  );
}

const REQUEST_WORDS = {
  plan_start: "Starting this plan",
  plan_update: "A change to the steps still to come",
  plan_skip: "Skipping to the next step",
} as const;

/**
 * What a release manager must see first: why the plan rolled back or holds, that the metrics
 * backend is down, that a request waits for approval — in the controller's own words.
 */
export function PlanNotices({
  plan,
  pendingRequest,
  approvalsHref,
}: {
  plan: PlanView;
  pendingRequest: ReleasePlanView["pendingRequest"];
  approvalsHref: string;
}) {
  const notices: ReactNode[] = [];
  if (plan.status === "rolled_back")
    notices.push(
      <Notice key="rolled-back" tone="bad" alert>
        <span className="font-semibold">{plan.heldReason ?? "Rolled back by hand: the plan ended with it"}</span>
        <span className="block text-xs">
          The release was rolled back for everyone in {plan.environment.name}; the plan is over.
        </span>
      </Notice>,
    );
  if (plan.status === "held" && plan.heldReason)
    notices.push(
      <Notice key="held" tone={plan.heldReason.startsWith("Regression") ? "bad" : "warn"} alert>
        <span className="font-semibold">{plan.heldReason}</span>
        <span className="block text-xs">
          The plan takes no step until someone continues it (the next step now) or resumes it (this step&apos;s bake
          starts again).
        </span>
      </Notice>,
    );
  const backendDown = plan.waitingFor?.startsWith("Holding: metrics backend") ? plan.waitingFor : null;
  if (backendDown || (plan.backendFailingSince && isLive(plan)))
    notices.push(
      <Notice key="backend" tone="warn" alert>
        <span className="font-semibold">
          {backendDown ?? `Holding: metrics backend unreachable since ${formatUtc(plan.backendFailingSince!)}`}
        </span>
        <span className="block text-xs">
          Missing data never advances a plan: it waits at this step until the backend answers.
        </span>
      </Notice>,
    );
  if (pendingRequest)
    notices.push(
      <Notice key="request" tone="warn">
        <span className="font-semibold">{REQUEST_WORDS[pendingRequest.kind]} waits for approval</span> (asked by{" "}
        {pendingRequest.requesterName}). Nothing changes until someone else approves it.{" "}
        <Link href={approvalsHref} className="font-medium underline">
          Review
        </Link>
      </Notice>,
    );
  if (plan.status === "finished")
    notices.push(
      <Notice key="finished" tone="ok">
        <span className="font-semibold">Finished</span>
        {plan.endedAt && <> at {formatUtc(plan.endedAt)}</>}: every step was taken.
      </Notice>,
    );
  if (plan.status === "cancelled")
    notices.push(
      <Notice key="cancelled" tone="muted">
        Cancelled{plan.endedAt && <> at {formatUtc(plan.endedAt)}</>}; the release kept the percentages it had then.
      </Notice>,
    );
  if (notices.length === 0) return null;
  return <div className="space-y-2">{notices}</div>;
}

function isLive(plan: PlanView): boolean {
  return plan.status === "running" || plan.status === "held" || plan.status === "paused";
}
