// The dedicated OFREP server: `npm run ofrep` (PORT=3001). Same code and database as the
// dashboard; run as many as you like beside it.
import { getDb } from "../lib/db/client";
import { EvaluationStore } from "../lib/evaluation/evaluation-store";
import { createOfrepServer } from "../lib/evaluation/ofrep-http-server";
import { RateLimiter } from "../lib/evaluation/rate-limiter";
import { metricsRuntime } from "../lib/metrics/builtin/metrics-runtime";

const port = Number(process.env.OFREP_PORT ?? process.env.PORT ?? 3001);
const rate = Number(process.env.GLIDEPATH_SDK_RATE_LIMIT ?? 10000);
const store = new EvaluationStore(getDb(), { pollIntervalMs: Number(process.env.GLIDEPATH_CONFIG_POLL_MS ?? 500), log: (m) => console.warn(m) });
await store.start();
// Counts exposures and takes metric batches too (POST /api/v1/metrics), flushing to the same store.
const metrics = metricsRuntime({ flushOnSignal: false });
const server = createOfrepServer(store, new RateLimiter(rate, Number(process.env.GLIDEPATH_SDK_RATE_BURST ?? rate * 2)), {
  exposures: metrics.exposures,
  ingest: { catalog: metrics.catalog, buffer: metrics.buffer },
});
server.keepAliveTimeout = 65_000;
server.listen(port, "0.0.0.0", () => console.log(`OFREP server on http://localhost:${port}/ofrep/v1/evaluate/flags`));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    store.stop();
    server.close(() => void metrics.flusher.close().finally(() => process.exit(0)));
  });
}
