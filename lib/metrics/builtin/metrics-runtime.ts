import { getDb } from "@/lib/db/client";
import { databaseUrl } from "@/lib/db/database-url";
import { ExposureCounter } from "./exposure-counter";
import { journalDirFor } from "./journal-files";
import { MetricBuffer } from "./metric-buffer";
import { MetricFlusher } from "./metric-flusher";
import { MetricJournal } from "./metric-journal";
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
 * One buffer, exposure counter, crash journal and flush worker per process, started on first
 * use. Unless the caller handles shutdown itself, a signal flushes what is buffered before the
 * process exits (best effort: a second signal or the framework's own handler may exit first;
 * the journal covers a process that dies before that flush is stored).
 */
export function metricsRuntime(options: { flushOnSignal?: boolean } = {}): MetricsRuntime {
  if (!globalForMetrics.glidepathMetrics) {
    const url = databaseUrl();
    const buffer = new MetricBuffer();
    const exposures = new ExposureCounter();
    const catalog = new MetricCatalog(null);
    const dir = journalDirFor(url);
    const journal = dir ? MetricJournal.open(dir, url) : null;
    const flusher = new MetricFlusher({ databaseUrl: url, buffer, exposures, catalog, journal, journalDir: dir });
    flusher.start(Number(process.env.GLIDEPATH_METRICS_FLUSH_MS ?? 5_000));
    // Deferred items (metric unknown while the definitions couldn't be read) are checked as soon as they can be.
    catalog.onUpdate(() => void buffer.deferred.settle(catalog, buffer));
    for (const signal of options.flushOnSignal === false ? [] : (["SIGTERM", "SIGINT"] as const)) {
      process.once(signal, () => {
        void flusher.close().finally(() => process.exit(0));
      });
    }
    globalForMetrics.glidepathMetrics = { buffer, exposures, registry: seriesRegistryFor(getDb()), catalog, flusher };
  }
  return globalForMetrics.glidepathMetrics;
}
