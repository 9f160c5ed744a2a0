import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { MetricRowActions } from "@/components/metrics/definitions/metric-row-actions";
import { PrometheusSettingsForm } from "@/components/metrics/definitions/prometheus-settings-form";
import { SendDataHelp } from "@/components/metrics/definitions/send-data-help";
import { roleAtLeast } from "@/lib/domain/roles";
import { getPrometheusSettings } from "@/lib/metrics/definitions/get-prometheus-settings";
import { listEditableMetricDefinitions } from "@/lib/metrics/definitions/list-editable-metric-definitions";
import { BAD_DIRECTION_LABELS, KIND_LABELS, SOURCE_LABELS } from "@/lib/metrics/definitions/metric-labels";
import { getPageTeamContext } from "@/lib/http/page-team-context";
import { deleteMetricDefinitionAction, moveMetricDefinitionAction, setPrometheusSettingsAction } from "./actions";

export const metadata: Metadata = { title: "Metrics" };

function Tag({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <span className="inline-flex items-center gap-1 rounded-md bg-zinc-100 px-1.5 py-0.5 text-xs dark:bg-zinc-800">
      <span className="muted">{label}</span>
      <span className="font-medium">{children}</span>
    </span>
  );
}

export default async function MetricsPage({ params }: { params: Promise<{ team: string }> }) {
  const { team } = await params;
  const { access } = await getPageTeamContext(`/teams/${team}/metrics`, team);
  const [metrics, prometheus] = await Promise.all([
    listEditableMetricDefinitions(access),
    getPrometheusSettings(access),
  ]);
  const canEdit = roleAtLeast(access.role, "editor");
  const isAdmin = roleAtLeast(access.role, "admin");
  const origin = process.env.NEXTAUTH_URL ?? `http://${(await headers()).get("host") ?? "localhost:3000"}`;
  const exampleKey = metrics.find((m) => m.source === "builtin")?.key ?? "checkout-errors";
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Metrics</h1>
          <p className="muted max-w-2xl text-sm">
            What release pages chart for each cohort, treatment next to control, in this order. Built-in metrics are
            sent by your applications; Prometheus metrics are queried from the team&apos;s Prometheus.
          </p>
        </div>
        {canEdit && (
          <Link href={`/teams/${team}/metrics/new`} className="btn-primary">
            New metric
          </Link>
        )}
      </div>

      {metrics.length === 0 ? (
        <div className="card p-10 text-center">
          <p className="font-medium">No metrics yet</p>
          <p className="muted mt-1 text-sm">
            Define an error rate or a latency to watch each cohort while a release ramps up.
          </p>
        </div>
      ) : (
        <ol className="card divide-y divide-zinc-100 dark:divide-zinc-800" aria-label="Metrics in display order">
          {metrics.map((metric, i) => (
            <li key={metric.key} className="flex flex-wrap items-start gap-x-4 gap-y-3 px-5 py-4">
              <span className="muted w-6 pt-0.5 text-right text-sm tabular-nums">{i + 1}</span>
              <div className="min-w-0 flex-1 basis-64">
                <p className="font-medium">
                  {metric.name} <span className="muted font-mono text-xs">{metric.key}</span>
                </p>
                <div className="mt-1.5 flex flex-wrap gap-1.5">
                  <Tag label="Kind">{KIND_LABELS[metric.kind]}</Tag>
                  <Tag label="Unit">{metric.unit || "—"}</Tag>
                  <Tag label="Bad">
                    <span aria-hidden>{metric.badDirection === "up" ? "↑ " : "↓ "}</span>
                    {BAD_DIRECTION_LABELS[metric.badDirection]}
                  </Tag>
                  <Tag label="Source">{SOURCE_LABELS[metric.source]}</Tag>
                </div>
                {metric.query && (
                  <pre
                    tabIndex={0}
                    role="region"
                    className="mt-2 overflow-x-auto whitespace-pre-wrap break-all rounded-lg bg-zinc-100 px-3 py-2 font-mono text-xs dark:bg-zinc-800/70"
                    aria-label={`PromQL query of ${metric.name}`}
                  >
                    {metric.query}
                  </pre>
                )}
                {metric.sampleQuery && (
                  <pre
                    tabIndex={0}
                    role="region"
                    className="mt-1 overflow-x-auto whitespace-pre-wrap break-all rounded-lg bg-zinc-100 px-3 py-2 font-mono text-xs dark:bg-zinc-800/70"
                    aria-label={`Sample query of ${metric.name}`}
                  >
                    <span className="muted font-sans">samples: </span>
                    {metric.sampleQuery}
                  </pre>
                )}
              </div>
              {canEdit && (
                <MetricRowActions
                  teamSlug={team}
                  metric={{ key: metric.key, name: metric.name }}
                  first={i === 0}
                  last={i === metrics.length - 1}
                  move={moveMetricDefinitionAction}
                  remove={deleteMetricDefinitionAction}
                />
              )}
            </li>
          ))}
        </ol>
      )}
      {!canEdit && (
        <p className="muted text-sm">
          You are a {access.role} in {access.teamName}; editors and above can change metrics.
        </p>
      )}

      <section className="card" aria-labelledby="backend-heading">
        <div className="border-b border-zinc-200 px-5 py-4 dark:border-zinc-800">
          <h2 id="backend-heading" className="font-semibold">
            Metrics backend
          </h2>
          <p className="muted mt-0.5 text-sm">
            Built-in metrics are stored by Glidepath. Metrics with source Prometheus are queried from this server.
          </p>
        </div>
        <div className="px-5 py-4">
          {isAdmin ? (
            <PrometheusSettingsForm teamSlug={team} settings={prometheus} submit={setPrometheusSettingsAction} />
          ) : (
            <p className="text-sm">
              Prometheus: <span className="font-medium">{prometheus.url ? "configured" : "not configured"}</span>
              <span className="muted"> · only admins can change it.</span>
            </p>
          )}
        </div>
      </section>

      <SendDataHelp origin={origin} metricKey={exampleKey} apiKeysHref={`/teams/${team}/api-keys`} />
    </div>
  );
}
