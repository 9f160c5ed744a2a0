import type { Metadata } from "next";
import Link from "next/link";
import { RelativeTime } from "@/components/common/relative-time";
import { TemplateSummary } from "@/components/plans/template-summary";
import { listCohorts } from "@/lib/cohorts/list-cohorts";
import { roleAtLeast } from "@/lib/domain/roles";
import { getPageTeamContext } from "@/lib/http/page-team-context";
import { listMetricDefinitions } from "@/lib/metrics/list-metric-definitions";
import { listPlanTemplates } from "@/lib/plans/list-plan-templates";

export const metadata: Metadata = { title: "Plan templates" };

export default async function PlanTemplatesPage({ params }: { params: Promise<{ team: string }> }) {
  const { team } = await params;
  const base = `/teams/${team}/plans/templates`;
  const { access } = await getPageTeamContext(base, team);
  const [templates, cohorts, metrics] = await Promise.all([
    listPlanTemplates(access),
    listCohorts(access),
    listMetricDefinitions(access),
  ]);
  const canEdit = roleAtLeast(access.role, "editor");
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Plan templates</h1>
          <p className="muted max-w-2xl text-sm">
            Steps and guardrails to start a rollout plan from. A plan made from a template keeps its own copy, so
            changing a template changes no plan.
          </p>
        </div>
        {canEdit && (
          <Link href={`${base}/new`} className="btn-primary">
            New template
          </Link>
        )}
      </div>
      {templates.length === 0 ? (
        <div className="card p-10 text-center">
          <p className="font-medium">No templates yet</p>
          <p className="muted mt-1 text-sm">
            A template such as “1% → 5% → 25% → 100%, 30 min each, error rate guarded” makes every plan a click.
          </p>
        </div>
      ) : (
        <ul className="grid gap-4 lg:grid-cols-2" aria-label="Plan templates">
          {templates.map((t) => (
            <li key={t.key} className="card space-y-3 p-5">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="font-semibold">{t.name}</h2>
                {canEdit && (
                  <Link href={`${base}/${encodeURIComponent(t.key)}`} className="text-sm link">
                    Edit<span className="sr-only"> {t.name}</span>
                  </Link>
                )}
              </div>
              {t.description && <p className="text-sm">{t.description}</p>}
              <TemplateSummary
                definition={t.definition}
                cohorts={cohorts.map((c) => ({ key: c.key, name: c.name }))}
                metrics={metrics.map((m) => ({ key: m.key, name: m.name }))}
              />
              <p className="muted text-xs">
                <span className="font-mono">{t.key}</span> · changed <RelativeTime date={new Date(t.updatedAt)} />
                {t.updatedByName ? ` by ${t.updatedByName}` : ""}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
