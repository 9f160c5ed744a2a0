import { getDb } from "@/lib/db/client";
import { databaseUrl, providerOf } from "@/lib/db/database-url";
import { ExposureCounter } from "./exposure-counter";
import { MetricBuffer } from "./metric-buffer";
import { MetricFlusher } from "./metric-flusher";
import { pruneAggregates, retentionFromEnv } from "./metric-retention";
import { seriesRegistryFor, type SeriesRegistry } from "./series-registry";
import { MetricCatalog } from "../ingest/metric-catalog";

export type MetricsRuntime = {
  buffer: MetricBuffer;
  exposures: ExposureCounter;
  registry: SeriesRegistry;
  catalog: MetricCatalog;
  flusher: MetricFlusher;
};

const globalForMetrics = globalThis as unknown as { glidepathMetrics?: MetricsRuntime };

/**
 * One buffer, exposure counter and flusher per process, started on first use. Unless the
 * caller handles shutdown itself, a signal flushes what is buffered before the process exits
 * (best effort: a second signal or the framework's own handler may exit first).
 */
export function metricsRuntime(options: { flushOnSignal?: boolean } = {}): MetricsRuntime {
  if (!globalForMetrics.glidepathMetrics) {
    const db = getDb();
    const registry = seriesRegistryFor(db);
    const buffer = new MetricBuffer();
    const exposures = new ExposureCounter();
    const flusher = new MetricFlusher(db, providerOf(databaseUrl()), registry, buffer, exposures);
    flusher.start(Number(process.env.GLIDEPATH_METRICS_FLUSH_MS ?? 5_000));
    const retention = retentionFromEnv();
    const prune = () => pruneAggregates(db, retention).catch((error: Error) => console.warn(`[metrics] retention: ${error.message}`));
    setTimeout(prune, 60_000).unref();
    setInterval(prune, 3_600_000).unref();
    // Buffered data would be lost with the process: flush once more on the way out.
    for (const signal of options.flushOnSignal === false ? [] : (["SIGTERM", "SIGINT"] as const)) {
      process.once(signal, () => {
        void flusher.flush().finally(() => process.exit(0));
      });
    }
    globalForMetrics.glidepathMetrics = { buffer, exposures, registry, catalog: new MetricCatalog(db), flusher };
  }
  return globalForMetrics.glidepathMetrics;
}
