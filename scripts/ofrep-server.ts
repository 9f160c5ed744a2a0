// The dedicated OFREP server: `npm run ofrep` (PORT=3001). Same code and database as the
// dashboard; run as many as you like beside it.
import type { AddressInfo } from "node:net";
import { databaseUrl } from "../lib/db/database-url";
import { EvaluationStore } from "../lib/evaluation/evaluation-store";
import { createOfrepServer } from "../lib/evaluation/ofrep-http-server";
import { RateLimiter } from "../lib/evaluation/rate-limiter";
import { storeOptionsFromEnv } from "../lib/evaluation/store-options";
import { metricsRuntime } from "../lib/metrics/builtin/metrics-runtime";

const port = Number(process.env.OFREP_PORT ?? process.env.PORT ?? 3001);
const rate = Number(process.env.GLIDEPATH_SDK_RATE_LIMIT ?? 10000);
// Reads the database on a worker thread: a locked or slow database never holds a request.
const store = EvaluationStore.forDatabase(databaseUrl(), storeOptionsFromEnv());
await store.start();
// Counts exposures and takes metric batches too (POST /api/v1/metrics), flushing to the same store.
const metrics = metricsRuntime({ flushOnSignal: false });
const server = createOfrepServer(store, new RateLimiter(rate, Number(process.env.GLIDEPATH_SDK_RATE_BURST ?? rate * 2)), {
  exposures: metrics.exposures,
  ingest: { catalog: metrics.catalog, buffer: metrics.buffer },
});
server.keepAliveTimeout = 65_000;
// OFREP_PORT=0 takes any free port; the line says which.
server.listen(port, "0.0.0.0", () => console.log(`OFREP server on http://localhost:${(server.address() as AddressInfo).port}/ofrep/v1/evaluate/flags`));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void store.stop();
    server.close(() => void metrics.flusher.close().finally(() => process.exit(0)));
  });
}
