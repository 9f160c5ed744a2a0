import type { Metadata } from "next";
import Link from "next/link";
import { AuditTrail } from "@/components/audit/audit-trail";
import { EnvironmentTabs } from "@/components/environments/environment-tabs";
import { RolloutEditor } from "@/components/releases/rollout-editor";
import { LatestRolloutProvider } from "@/components/releases/latest-rollout";
import { StatusActions } from "@/components/releases/status-actions";
import { StatusBadge } from "@/components/releases/status-badge";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { effectiveBasisPoints } from "@/lib/domain/effective-basis-points";
import { roleAtLeast } from "@/lib/domain/roles";
import { STATUS_LABELS } from "@/lib/domain/rollout-state";
import { orNotFound } from "@/lib/http/page-actor";
import { getPageTeamContext } from "@/lib/http/page-team-context";
import { getReleaseView } from "@/lib/releases/get-release-view";
import { headers } from "next/headers";
import { CodeSnippets } from "@/components/releases/code-snippets";
import { WhoGetsIt } from "@/components/releases/who-gets-it";
import { ReleaseMetrics } from "@/components/metrics/release-metrics";
import { listMetricDefinitions } from "@/lib/metrics/list-metric-definitions";
import { usersSeenLastDay } from "@/lib/metrics/users-seen-last-day";
import { getApprovalPolicy } from "@/lib/change-requests/get-approval-policy";
import { listChangeRequests } from "@/lib/approvals/list-change-requests";
import { PendingChangeRequests } from "@/components/releases/pending-change-requests";
import { listEmbedLinks } from "@/lib/embeds/list-embed-links";
import { EmbedSection } from "@/components/embeds/embed-section";
import { PlanSection } from "@/components/plans/plan-section";
import { getReleasePlan } from "@/lib/plans/get-release-plan";
import { listPlanTemplates } from "@/lib/plans/list-plan-templates";
import { isActivePlan } from "@/lib/domain/plans/plan-types";
import { readCohortHealth } from "@/lib/plans/read-cohort-health";
import { HealthBadge, HealthStrip } from "@/components/releases/health-strip";
import {
  advancePlanAction,
  cancelPlanAction,
  pausePlanAction,
  resumePlanAction,
  startPlanAction,
  cancelChangeRequestAction,
  changeReleaseStatusAction,
  createEmbedLinkAction,
  explainEvaluationAction,
  revokeEmbedLinkAction,
  setRolloutAction,
} from "./actions";

type Props = { params: Promise<{ team: string; release: string }>; searchParams: Promise<{ env?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await params).release };
}

export default async function ReleasePage({ params, searchParams }: Props) {
  const [{ team, release: releaseKey }, { env }] = await Promise.all([params, searchParams]);
  const path = `/teams/${team}/releases/${releaseKey}`;
  const context = await getPageTeamContext(path, team, env);
  const { actor, access, environments, environment } = context;
  const release = await orNotFound(getReleaseView(context, { releaseKey }));
  const canEdit = roleAtLeast(access.role, "editor");
  const [audit, metricDefinitions, usersByCohort, policy, requests, embedLinks, planData, templates, health] =
    await Promise.all([
      listAuditEvents(access, { releaseId: release.id, limit: 50 }),
      listMetricDefinitions(access),
      // Only editors see the change preview; never fails the page (null: no estimate).
      canEdit
        ? usersSeenLastDay(context, {
            releaseKey: release.key,
            cohortKeys: [...release.cohorts.map((c) => c.key), "default"],
          })
        : null,
      getApprovalPolicy(access, { environmentId: environment.id }),
      listChangeRequests(access, { releaseKey: release.key, environmentKey: environment.key, decidedLimit: 0 }),
      listEmbedLinks(access, { releaseKey: release.key }),
      getReleasePlan(context, { releaseKey: release.key }),
      listPlanTemplates(access),
      // The same read the approval policy judges a raise by, so the page warns about what it holds.
      readCohortHealth(access, { environment, releaseKey: release.key }),
    ]);
  const cohortNames = Object.fromEntries(release.cohorts.map((c) => [c.key, c.name]));
  const { rollout } = release;
  const savedPercentages = {
    defaultBasisPoints: rollout.defaultBasisPoints,
    cohorts: Object.fromEntries(release.cohorts.map((c) => [c.key, c.basisPoints])),
  };
  const plan = planData.plan;
  const planStep =
    plan && isActivePlan(plan.status)
      ? {
          step:
            plan.currentStep < 0 ? "not started" : `step ${plan.currentStep + 1} of ${plan.definition.steps.length}`,
        }
      : null;
  const origin = process.env.NEXTAUTH_URL ?? `http://${(await headers()).get("host") ?? "localhost:3000"}`;

  return (
    <LatestRolloutProvider key={`${release.key}:${environment.key}`}>
      <div className="space-y-5">
        <nav aria-label="Breadcrumb" className="muted text-sm">
          <Link href={`/teams/${team}/releases?env=${environment.key}`} className="hover:underline">
            Releases
          </Link>{" "}
          / <span className="text-zinc-900 dark:text-zinc-100">{release.name}</span>
        </nav>
        <header className="flex flex-wrap items-start justify-between gap-4">
          <div className="min-w-0 space-y-1">
            <div className="flex flex-wrap items-center gap-3">
              <h1 className="text-2xl font-semibold tracking-tight">{release.name}</h1>
              <StatusBadge status={rollout.status} />
              <HealthBadge cohorts={health.cohorts} />
              {release.critical && (
                <span
                  className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-800 dark:bg-amber-950 dark:text-amber-200"
                  title="The approval policy may hold every change to this release for a second person"
                >
                  Critical
                </span>
              )}
            </div>
            <p className="muted text-sm">
              <span className="font-mono">{release.key}</span>
              {release.owner ? ` · owner ${release.owner.name}` : ""}
              {canEdit && (
                <>
                  {" · "}
                  <Link
                    href={`${path}/edit?env=${environment.key}`}
                    className="text-brand-600 hover:underline dark:text-brand-100"
                  >
                    Edit details
                  </Link>
                </>
              )}
            </p>
            {release.description && <p className="max-w-2xl text-sm">{release.description}</p>}
          </div>
          <div className="flex flex-col items-end gap-3">
            <EnvironmentTabs environments={environments} current={environment.key} basePath={path} />
            <StatusActions
              teamSlug={team}
              releaseName={release.name}
              releaseKey={release.key}
              environment={{ key: environment.key, name: environment.name }}
              status={rollout.status}
              version={rollout.version}
              canEdit={canEdit}
              exposureSummary={[
                ...release.cohorts.map((c) => ({
                  name: c.name,
                  basisPoints: effectiveBasisPoints(rollout.status, c.basisPoints ?? rollout.defaultBasisPoints),
                })),
                {
                  name: "Everyone else",
                  basisPoints: effectiveBasisPoints(rollout.status, rollout.defaultBasisPoints),
                },
              ]}
              approval={{
                rules: policy,
                critical: release.critical,
                percentages: savedPercentages,
                universalCohorts: release.universalCohorts,
              }}
              run={changeReleaseStatusAction}
              activePlan={planStep}
              health={{ cohorts: health.cohorts, names: cohortNames }}
            />
          </div>
        </header>
        {release.otherEnvironments.length > 0 && (
          <p className="muted text-xs">
            Elsewhere:{" "}
            {release.otherEnvironments.map((other, i) => (
              <span key={other.key}>
                {i > 0 && " · "}
                <Link href={`${path}?env=${other.key}`} className="hover:underline">
                  {other.name}: {STATUS_LABELS[other.status]}
                </Link>
              </span>
            ))}
          </p>
        )}
        <HealthStrip cohorts={health.cohorts} guardrails={health.guardrails} unavailable={health.unavailable} />
        <PendingChangeRequests
          teamSlug={team}
          requests={requests.pending}
          actorId={actor.id}
          isAdmin={roleAtLeast(access.role, "admin")}
          cancel={cancelChangeRequestAction}
        />
        <PlanSection
          teamSlug={team}
          release={{ key: release.key, name: release.name }}
          environment={{ key: environment.key, name: environment.name }}
          releaseStatus={rollout.status}
          data={planData}
          cohorts={release.cohorts.map((c) => ({ key: c.key, name: c.name }))}
          metrics={metricDefinitions.map((m) => ({ key: m.key, name: m.name, kind: m.kind }))}
          served={{
            defaultBasisPoints: rollout.defaultBasisPoints,
            cohorts: Object.fromEntries(
              release.cohorts.flatMap((c) => (c.basisPoints === null ? [] : [[c.key, c.basisPoints]])),
            ),
          }}
          canEdit={canEdit}
          isApprover={roleAtLeast(access.role, "approver")}
          approval={{
            rules: policy,
            critical: release.critical,
            universalCohorts: release.universalCohorts,
            health: health.cohorts,
            names: cohortNames,
          }}
          templates={templates.map((t) => ({ key: t.key, name: t.name, description: t.description }))}
          editorHref={`${path}/plan?env=${environment.key}`}
          templatesHref={`/teams/${team}/plans/templates`}
          approvalsHref={`/teams/${team}/approvals`}
          actions={{
            start: startPlanAction,
            pause: pausePlanAction,
            resume: resumePlanAction,
            cancel: cancelPlanAction,
            advance: advancePlanAction,
          }}
        />
        <RolloutEditor
          key={`${environment.key}`}
          teamSlug={team}
          releaseKey={release.key}
          environment={{ key: environment.key, name: environment.name }}
          status={rollout.status}
          version={rollout.version}
          defaultBasisPoints={rollout.defaultBasisPoints}
          cohorts={release.cohorts}
          canEdit={canEdit}
          usersByCohort={usersByCohort}
          approval={{ rules: policy, critical: release.critical, universalCohorts: release.universalCohorts }}
          save={setRolloutAction}
          runningPlan={plan && (plan.status === "running" || plan.status === "held") ? planStep : null}
          health={health.cohorts}
        />
        <ReleaseMetrics
          teamSlug={team}
          releaseKey={release.key}
          environment={{ key: environment.key, name: environment.name }}
          definitions={metricDefinitions}
          rolloutVersion={rollout.version}
          origin={origin}
        />
        <EmbedSection
          teamSlug={team}
          release={{ key: release.key, name: release.name }}
          environment={{ key: environment.key, name: environment.name }}
          cohorts={release.cohorts.map((c) => ({ key: c.key, name: c.name }))}
          metrics={metricDefinitions.map((m) => ({ key: m.key, name: m.name }))}
          links={embedLinks}
          origin={origin}
          actorId={actor.id}
          canCreate={canEdit}
          isAdmin={roleAtLeast(access.role, "admin")}
          create={createEmbedLinkAction}
          revoke={revokeEmbedLinkAction}
        />
        <div className="grid grid-cols-1 gap-5 lg:grid-cols-2">
          <WhoGetsIt
            teamSlug={team}
            releaseKey={release.key}
            environment={{ key: environment.key, name: environment.name }}
            explain={explainEvaluationAction}
          />
          <CodeSnippets
            releaseKey={release.key}
            environmentName={environment.name}
            origin={origin}
            apiKeysHref={`/teams/${team}/api-keys`}
          />
        </div>
        <AuditTrail
          entries={audit}
          more={{ href: `/teams/${team}/audit?release=${release.key}`, label: "Every change to this release →" }}
        />
      </div>
    </LatestRolloutProvider>
  );
}
