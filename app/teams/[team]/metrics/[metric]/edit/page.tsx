import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ReadOnlyForm } from "@/components/forms/read-only-form";
import { MetricForm } from "@/components/metrics/definitions/metric-form";
import { getPrometheusSettings } from "@/lib/metrics/definitions/get-prometheus-settings";
import { listEditableMetricDefinitions } from "@/lib/metrics/definitions/list-editable-metric-definitions";
import { getPageTeamContext } from "@/lib/http/page-team-context";
import { updateMetricDefinitionAction } from "../../actions";

export const metadata: Metadata = { title: "Edit metric" };

export default async function EditMetricPage({ params }: { params: Promise<{ team: string; metric: string }> }) {
  const { team, metric: metricKey } = await params;
  const { access } = await getPageTeamContext(`/teams/${team}/metrics/${metricKey}/edit`, team);
  const [metrics, prometheus] = await Promise.all([
    listEditableMetricDefinitions(access),
    getPrometheusSettings(access),
  ]);
  const metric = metrics.find((m) => m.key === metricKey);
  if (!metric) notFound();
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold tracking-tight">Edit {metric.name}</h1>
      <ReadOnlyForm role={access.role} needs="editor" to="change metrics">
        <MetricForm
          teamSlug={team}
          initial={metric}
          prometheusConfigured={prometheus.url !== null}
          submit={updateMetricDefinitionAction}
        />
      </ReadOnlyForm>
    </div>
  );
}
