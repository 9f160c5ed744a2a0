import type { Metadata } from "next";
import Link from "next/link";
import { TemplateForm } from "@/components/plans/template-form";
import { listCohorts } from "@/lib/cohorts/list-cohorts";
import { roleAtLeast } from "@/lib/domain/roles";
import { getPageTeamContext } from "@/lib/http/page-team-context";
import { guardrailSupport } from "@/lib/metrics/guardrail-data/guardrail-support";
import { listMetricDefinitions } from "@/lib/metrics/list-metric-definitions";
import { createPlanTemplateAction } from "../actions";

export const metadata: Metadata = { title: "New plan template" };

export default async function NewPlanTemplatePage({ params }: { params: Promise<{ team: string }> }) {
  const { team } = await params;
  const listHref = `/teams/${team}/plans/templates`;
  const { access } = await getPageTeamContext(`${listHref}/new`, team);
  const [cohorts, metrics] = await Promise.all([listCohorts(access), listMetricDefinitions(access)]);
  return (
    <div className="space-y-5">
      <nav aria-label="Breadcrumb" className="muted text-sm">
        <Link href={listHref} className="hover:underline">
          Plan templates
        </Link>{" "}
        / <span className="text-zinc-900 dark:text-zinc-100">New</span>
      </nav>
      <h1 className="text-2xl font-semibold tracking-tight">New plan template</h1>
      {roleAtLeast(access.role, "editor") ? (
        <TemplateForm
          teamSlug={team}
          cohorts={cohorts.map((c) => ({ key: c.key, name: c.name }))}
          metrics={metrics.map((m) => {
            const support = guardrailSupport(m);
            return { key: m.key, name: m.name, kind: m.kind, refusal: support.ok ? null : support.why };
          })}
          listHref={listHref}
          submit={createPlanTemplateAction}
        />
      ) : (
        <p className="card p-5">You have view access: an editor makes plan templates.</p>
      )}
    </div>
  );
}
