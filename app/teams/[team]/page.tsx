import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { AuditTrail } from "@/components/audit/audit-trail";
import { Pagination } from "@/components/common/pagination";
import { EnvironmentTabs } from "@/components/environments/environment-tabs";
import { ActiveRolloutCard } from "@/components/teams/active-rollout-card";
import { PendingApprovalsPanel } from "@/components/teams/pending-approvals-panel";
import { RolloutHealthSkeleton, Swatch } from "@/components/teams/rollout-health-cells";
import { svgChartStyle } from "@/lib/charts/svg-chart";
import { getPageTeamContext } from "@/lib/http/page-team-context";
import { getTeamOverview } from "@/lib/teams/get-team-overview";
import { PlanSummaryLine } from "@/components/plans/plan-summary-line";
import { RolloutHealthCell } from "./rollout-health-cell";

export const metadata: Metadata = { title: "Overview" };

type Props = { params: Promise<{ team: string }>; searchParams: Promise<{ env?: string; page?: string }> };

// Sparkline colours (treatment orange, control blue) for light and dark, scoped to this page.
const HEALTH_STYLE = svgChartStyle("auto", ".gp-health");

export default async function TeamPage({ params, searchParams }: Props) {
  const [{ team }, { env, page }] = await Promise.all([params, searchParams]);
  const base = `/teams/${team}`;
  const context = await getPageTeamContext(base, team, env);
  const { access, environments, environment } = context;
  const { rollouts, pending, activity, health, plans } = await getTeamOverview(context, { page });
  const first = (rollouts.page - 1) * rollouts.pageSize + 1;
  const last = first + rollouts.rollouts.length - 1;

  return (
    <div className="gp-health space-y-5">
      <style>{HEALTH_STYLE}</style>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{access.teamName}</h1>
          <p className="muted text-sm">
            {rollouts.total} active rollout{rollouts.total === 1 ? "" : "s"} in {environment.name}
          </p>
        </div>
        <EnvironmentTabs environments={environments} current={environment.key} basePath={base} />
      </div>

      <div className="flex flex-col gap-6 lg:grid lg:grid-cols-[minmax(0,1fr)_20rem] lg:grid-rows-[auto_1fr] lg:items-start">
        <section
          aria-labelledby="active-rollouts-heading"
          className="space-y-3 lg:col-start-1 lg:row-span-2 lg:row-start-1"
        >
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="active-rollouts-heading" className="font-semibold">
              Active rollouts
            </h2>
            {rollouts.total > 0 && (
              <p className="muted text-xs">
                {first}–{last} of {rollouts.total}: needs attention first, then most recently changed · health:{" "}
                <span className="whitespace-nowrap">
                  <Swatch role="treatment" />
                  treatment
                </span>{" "}
                vs{" "}
                <span className="whitespace-nowrap">
                  <Swatch role="control" />
                  control
                </span>
              </p>
            )}
          </div>
          {rollouts.total === 0 ? (
            <div className="card p-8 text-center">
              <p className="font-medium">Nothing is rolling out in {environment.name}</p>
              <p className="muted mt-1 text-sm">
                Releases that are rolling out or paused show up here.{" "}
                <Link
                  href={`${base}/releases?env=${environment.key}`}
                  className="text-brand-600 hover:underline dark:text-brand-100"
                >
                  All releases
                </Link>
              </p>
            </div>
          ) : (
            <div className="space-y-3" role="list" aria-label="Active rollouts">
              {rollouts.rollouts.map((rollout) => (
                <div role="listitem" key={rollout.key}>
                  <ActiveRolloutCard
                    rollout={rollout}
                    teamSlug={team}
                    environmentKey={environment.key}
                    plan={plans[rollout.key] && <PlanSummaryLine plan={plans[rollout.key]!} now={health.now} />}
                    health={
                      health.metrics.length === 0 ? (
                        <p className="muted text-xs">
                          No metrics yet.{" "}
                          <Link href={`${base}/metrics`} className="text-brand-600 hover:underline dark:text-brand-100">
                            Define one
                          </Link>{" "}
                          to see treatment against control here.
                        </p>
                      ) : (
                        <Suspense fallback={<RolloutHealthSkeleton metrics={health.metrics} />}>
                          <RolloutHealthCell
                            scope={health}
                            releaseKey={rollout.key}
                            releaseHref={`${base}/releases/${rollout.key}?env=${environment.key}`}
                          />
                        </Suspense>
                      )
                    }
                  />
                </div>
              ))}
            </div>
          )}
          <Pagination
            page={rollouts.page}
            pageCount={rollouts.pageCount}
            basePath={base}
            query={{ env: environment.key }}
            label="Active rollouts pages"
          />
        </section>

        <div className="order-first lg:order-none lg:col-start-2 lg:row-start-1">
          <PendingApprovalsPanel teamSlug={team} total={pending.total} oldest={pending.oldest} />
        </div>

        <div className="space-y-2 lg:col-start-2 lg:row-start-2">
          <AuditTrail entries={activity} title="Recent activity" emptyText="Nothing has happened yet." />
          <p className="text-right text-sm">
            <Link href={`${base}/audit`} className="text-brand-600 hover:underline dark:text-brand-100">
              Full audit log
            </Link>
          </p>
        </div>
      </div>
    </div>
  );
}
