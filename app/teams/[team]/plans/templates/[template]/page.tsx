import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TemplateForm } from "@/components/plans/template-form";
import { TemplateSummary } from "@/components/plans/template-summary";
import { listCohorts } from "@/lib/cohorts/list-cohorts";
import { roleAtLeast } from "@/lib/domain/roles";
import { getPageTeamContext } from "@/lib/http/page-team-context";
import { guardrailSupport } from "@/lib/metrics/guardrail-data/guardrail-support";
import { listMetricDefinitions } from "@/lib/metrics/list-metric-definitions";
import { listPlanTemplates } from "@/lib/plans/list-plan-templates";
import { updatePlanTemplateAction } from "../actions";

export const metadata: Metadata = { title: "Edit plan template" };

type Props = { params: Promise<{ team: string; template: string }> };

export default async function EditPlanTemplatePage({ params }: Props) {
  const { team, template: key } = await params;
  const listHref = `/teams/${team}/plans/templates`;
  const { access } = await getPageTeamContext(`${listHref}/${key}`, team);
  const [templates, cohorts, metrics] = await Promise.all([
    listPlanTemplates(access),
    listCohorts(access),
    listMetricDefinitions(access),
  ]);
  const template = templates.find((t) => t.key === key);
  if (!template) notFound();
  return (
    <div className="space-y-5">
      <nav aria-label="Breadcrumb" className="muted text-sm">
        <Link href={listHref} className="hover:underline">
          Plan templates
        </Link>{" "}
        / <span className="text-zinc-900 dark:text-zinc-100">{template.name}</span>
      </nav>
      <h1 className="text-2xl font-semibold tracking-tight">Edit {template.name}</h1>
      {roleAtLeast(access.role, "editor") ? (
        <TemplateForm
          teamSlug={team}
          cohorts={cohorts.map((c) => ({ key: c.key, name: c.name }))}
          metrics={metrics.map((m) => {
            const support = guardrailSupport(m);
            return { key: m.key, name: m.name, kind: m.kind, refusal: support.ok ? null : support.why };
          })}
          listHref={listHref}
          template={{
            key: template.key,
            name: template.name,
            description: template.description,
            definition: template.definition,
            version: template.version,
          }}
          submit={updatePlanTemplateAction}
        />
      ) : (
        <div className="card space-y-3 p-5">
          <p>You have view access: an editor changes plan templates. This one, as it stands:</p>
          {template.description && <p className="text-sm">{template.description}</p>}
          <TemplateSummary
            definition={template.definition}
            cohorts={cohorts.map((c) => ({ key: c.key, name: c.name }))}
            metrics={metrics.map((m) => ({ key: m.key, name: m.name }))}
          />
        </div>
      )}
    </div>
  );
}
