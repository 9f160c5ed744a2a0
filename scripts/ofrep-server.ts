// The dedicated OFREP server: `npm run ofrep` (PORT=3001). Same code and database as the
// dashboard; run as many as you like beside it.
import type { AddressInfo } from "node:net";
import { databaseUrl } from "../lib/db/database-url";
import { EvaluationStore } from "../lib/evaluation/evaluation-store";
import { createOfrepServer } from "@/lib/http/ofrep/ofrep-http-server";
import { sdkRateLimiterFromEnv } from "../lib/evaluation/rate-limit-settings";
import { storeOptionsFromEnv } from "../lib/evaluation/store-options";
import { keepServing } from "../lib/http/keep-serving";
import { metricsRuntime } from "../lib/metrics/builtin/metrics-runtime";
import { ingestRateLimitsFromEnv } from "@/lib/evaluation/ingest-rate-limits";

keepServing();
const port = Number(process.env.OFREP_PORT ?? process.env.PORT ?? 3001);
// Read first: a mistyped limit stops the start-up instead of serving without one.
const limiter = sdkRateLimiterFromEnv();
const ingestLimits = ingestRateLimitsFromEnv();
// Reads the database on a worker thread: a locked or slow database never holds a request.
const store = EvaluationStore.forDatabase(databaseUrl(), storeOptionsFromEnv());
await store.start();
// Counts exposures and takes metric batches too (POST /api/v1/metrics), flushing to the same store.
const metrics = metricsRuntime({ flushOnSignal: false });
const server = createOfrepServer(store, limiter, {
  exposures: metrics.exposures,
  ingest: { catalog: metrics.catalog, buffer: metrics.buffer, limits: ingestLimits },
});
server.keepAliveTimeout = 65_000;
// OFREP_PORT=0 picks a free port; the line below names the one it got.
server.listen(port, "0.0.0.0", () =>
  console.log(`OFREP server on http://localhost:${(server.address() as AddressInfo).port}/ofrep/v1/evaluate/flags`),
);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void store.stop();
    server.close(() => void metrics.flusher.close().finally(() => process.exit(0)));
  });
}
