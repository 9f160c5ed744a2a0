import type { Metadata } from "next";
import { ReadOnlyForm } from "@/components/forms/read-only-form";
import { MetricForm } from "@/components/metrics/definitions/metric-form";
import { getPrometheusSettings } from "@/lib/metrics/definitions/get-prometheus-settings";
import { getPageTeamContext } from "@/lib/http/page-team-context";
import { createMetricDefinitionAction } from "../actions";

export const metadata: Metadata = { title: "New metric" };

export default async function NewMetricPage({ params }: { params: Promise<{ team: string }> }) {
  const { team } = await params;
  const { access } = await getPageTeamContext(`/teams/${team}/metrics/new`, team);
  const prometheus = await getPrometheusSettings(access);
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold tracking-tight">New metric</h1>
      <ReadOnlyForm role={access.role} needs="editor" to="add metrics">
        <MetricForm
          teamSlug={team}
          prometheusConfigured={prometheus.url !== null}
          submit={createMetricDefinitionAction}
        />
      </ReadOnlyForm>
    </div>
  );
}
