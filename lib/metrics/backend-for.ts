import { getDb, type Db } from "@/lib/db/client";
import { createBuiltinBackend } from "./builtin/builtin-backend";
import { SeriesRegistry } from "./builtin/series-registry";
import { MetricsBackendError, type MetricDefinitionView, type MetricsBackend } from "./metric-types";
import { createPrometheusBackend } from "./prometheus/prometheus-backend";

export type TeamMetricsSettings = { prometheusUrl: string | null; prometheusToken: string | null };

// Series ids never change, so one registry per database client serves every request.
const registries = new WeakMap<Db, SeriesRegistry>();
export function seriesRegistryFor(db: Db): SeriesRegistry {
  let registry = registries.get(db);
  if (!registry) {
    registry = new SeriesRegistry(db);
    registries.set(db, registry);
  }
  return registry;
}

function unconfigured(message: string): MetricsBackend {
  const fail = () => Promise.reject(new MetricsBackendError(message));
  return { series: fail, summary: fail };
}

/** Where a metric's numbers come from: the built-in store, or the team's Prometheus. */
export function metricsBackendFor(metric: MetricDefinitionView, team: TeamMetricsSettings, db: Db = getDb()): MetricsBackend {
  if (metric.source === "builtin") return createBuiltinBackend(db, seriesRegistryFor(db));
  const url = team.prometheusUrl ?? process.env.GLIDEPATH_PROMETHEUS_URL ?? null;
  if (!url) return unconfigured("No Prometheus URL is configured for this team (an admin sets it on the Metrics page)");
  const token = team.prometheusToken ?? process.env.GLIDEPATH_PROMETHEUS_TOKEN ?? undefined;
  return createPrometheusBackend({ url, token });
}
