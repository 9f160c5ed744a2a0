import type { Metadata } from "next";
import Link from "next/link";
import { PlanEditor } from "@/components/plans/plan-editor";
import { PlanStatusBadge } from "@/components/plans/plan-status-badge";
import { isActivePlan } from "@/lib/domain/plans/plan-types";
import { roleAtLeast } from "@/lib/domain/roles";
import { orNotFound } from "@/lib/http/page-actor";
import { getPageTeamContext } from "@/lib/http/page-team-context";
import { getApprovalPolicy } from "@/lib/change-requests/get-approval-policy";
import { guardrailSupport } from "@/lib/metrics/guardrail-data/guardrail-support";
import { listMetricDefinitions } from "@/lib/metrics/list-metric-definitions";
import { usersSeenLastDay } from "@/lib/metrics/users-seen-last-day";
import { getReleasePlan } from "@/lib/plans/get-release-plan";
import { listPlanTemplates } from "@/lib/plans/list-plan-templates";
import { getReleaseView } from "@/lib/releases/get-release-view";
import { createPlanAction, updatePlanAction } from "./actions";

export const metadata: Metadata = { title: "Rollout plan" };

type Props = {
  params: Promise<{ team: string; release: string }>;
  searchParams: Promise<{ env?: string; template?: string }>;
};

export default async function PlanEditorPage({ params, searchParams }: Props) {
  const [{ team, release: releaseKey }, { env, template }] = await Promise.all([params, searchParams]);
  const releasePath = `/teams/${team}/releases/${releaseKey}`;
  const context = await getPageTeamContext(`${releasePath}/plan`, team, env);
  const { access, environment } = context;
  const release = await orNotFound(getReleaseView(context, { releaseKey }));
  const releaseHref = `${releasePath}?env=${environment.key}`;
  const canEdit = roleAtLeast(access.role, "editor");
  const [planData, templates, metrics, policy, usersByCohort] = await Promise.all([
    getReleasePlan(context, { releaseKey: release.key }),
    listPlanTemplates(access),
    listMetricDefinitions(access),
    getApprovalPolicy(access, { environmentId: environment.id }),
    canEdit
      ? usersSeenLastDay(context, {
          releaseKey: release.key,
          cohortKeys: [...release.cohorts.map((c) => c.key), "default"],
        })
      : null,
  ]);
  const active = planData.plan && isActivePlan(planData.plan.status) ? planData.plan : null;
  const chosen = active ? undefined : templates.find((t) => t.key === template);

  return (
    <div className="space-y-5">
      <nav aria-label="Breadcrumb" className="muted text-sm">
        <Link href={`/teams/${team}/releases?env=${environment.key}`} className="hover:underline">
          Releases
        </Link>{" "}
        /{" "}
        <Link href={releaseHref} className="hover:underline">
          {release.name}
        </Link>{" "}
        / <span className="text-zinc-900 dark:text-zinc-100">Rollout plan</span>
      </nav>
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">
          {active ? "Edit the rollout plan" : "Make a rollout plan"} for {release.name} in {environment.name}
        </h1>
        {active && <PlanStatusBadge status={active.status} />}
      </header>
      {!canEdit ? (
        <div className="card space-y-2 p-5">
          <p>You have view access: an editor makes and changes rollout plans.</p>
          <Link href={releaseHref} className="text-sm link">
            See the plan on the release page
          </Link>
        </div>
      ) : (
        <PlanEditor
          teamSlug={team}
          release={{ key: release.key, name: release.name }}
          environment={{ key: environment.key, name: environment.name }}
          cohorts={release.cohorts.map((c) => ({ key: c.key, name: c.name }))}
          metrics={metrics.map((m) => {
            const support = guardrailSupport(m);
            return { key: m.key, name: m.name, kind: m.kind, refusal: support.ok ? null : support.why };
          })}
          templates={templates.map((t) => ({
            key: t.key,
            name: t.name,
            description: t.description,
            definition: t.definition,
          }))}
          initial={{
            definition: active?.definition ?? chosen?.definition ?? null,
            templateKey: chosen?.key ?? null,
          }}
          plan={active}
          served={{
            defaultBasisPoints: release.rollout.defaultBasisPoints,
            cohorts: Object.fromEntries(
              release.cohorts.flatMap((c) => (c.basisPoints === null ? [] : [[c.key, c.basisPoints]])),
            ),
          }}
          releaseStatus={release.rollout.status}
          usersByCohort={usersByCohort}
          approval={{ rules: policy, critical: release.critical, universalCohorts: release.universalCohorts }}
          releaseHref={releaseHref}
          templatesHref={`/teams/${team}/plans/templates`}
          actions={{ create: createPlanAction, update: updatePlanAction }}
        />
      )}
    </div>
  );
}
