import { getDb, type Db } from "@/lib/db/client";
import { createBuiltinBackend } from "./builtin/builtin-backend";
import { seriesRegistryFor } from "./builtin/series-registry";
import { MetricsBackendError, type MetricDefinitionView, type MetricsBackend } from "./metric-types";
import { createPrometheusBackend } from "./prometheus/prometheus-backend";

export type TeamMetricsSettings = { prometheusUrl: string | null; prometheusToken: string | null };

export { seriesRegistryFor };

function unconfigured(message: string): MetricsBackend {
  const fail = () => Promise.reject(new MetricsBackendError(message));
  return { series: fail, seriesColumns: fail, summary: fail };
}

/** Where a metric's numbers come from: the built-in store, or the team's Prometheus. */
export function metricsBackendFor(
  metric: MetricDefinitionView,
  team: TeamMetricsSettings,
  db: Db = getDb(),
): MetricsBackend {
  if (metric.source === "builtin") return createBuiltinBackend(db, seriesRegistryFor(db));
  const url = team.prometheusUrl ?? process.env.GLIDEPATH_PROMETHEUS_URL ?? null;
  if (!url) return unconfigured("No Prometheus URL is configured for this team (an admin sets it on the Metrics page)");
  const token = team.prometheusToken ?? process.env.GLIDEPATH_PROMETHEUS_TOKEN ?? undefined;
  return createPrometheusBackend({ url, token });
}
