import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { createSdkKey } from "@/lib/api-keys/create-api-key";
import { createCohort } from "@/lib/cohorts/create-cohort";
import { getDb } from "@/lib/db/client";
import { EvaluationStore } from "@/lib/evaluation/evaluation-store";
import { createOfrepServer } from "@/lib/http/ofrep/ofrep-http-server";
import type { BufferLimits } from "@/lib/metrics/builtin/buffer-limits";
import { ExposureCounter } from "@/lib/metrics/builtin/exposure-counter";
import { MetricBuffer } from "@/lib/metrics/builtin/metric-buffer";
import { MetricFlusher } from "@/lib/metrics/builtin/metric-flusher";
import { MetricCatalog } from "@/lib/metrics/ingest/metric-catalog";
import { changeReleaseStatus } from "@/lib/releases/change-release-status";
import { createRelease } from "@/lib/releases/create-release";
import { setRollout } from "@/lib/releases/set-rollout";
import { createTeamFixture, type TeamFixture } from "./fixtures";

export type IngestAnswer = {
  status: number;
  retryAfter: string | null;
  body: {
    accepted: number;
    rejected: number;
    deferred?: number;
    errors: { index: number; field: string; message: string }[];
    error?: string;
  } | null;
};

/** A team with releases "checkout" and "search" rolling in production, cohort "eu", and four builtin metrics. */
export async function createMetricsTeam(): Promise<{ fx: TeamFixture; sdkKey: string }> {
  const fx = await createTeamFixture();
  const { editor, admin } = fx.actors;
  const teamSlug = fx.team.slug;
  await createCohort(editor, {
    teamSlug,
    key: "eu",
    name: "EU",
    definition: { kind: "rules", conditions: [{ attribute: "country", operator: "in", values: ["DE", "FR"] }] },
  });
  for (const releaseKey of ["checkout", "search"]) {
    await createRelease(editor, { teamSlug, key: releaseKey, name: releaseKey });
    await setRollout(editor, {
      teamSlug,
      releaseKey,
      environmentKey: "production",
      expectedVersion: 1,
      defaultBasisPoints: 5_000,
      cohorts: { eu: 5_000 },
    });
    await changeReleaseStatus(editor, {
      teamSlug,
      releaseKey,
      environmentKey: "production",
      command: "start",
      expectedVersion: 2,
    });
  }
  const sdkKey = (await createSdkKey(admin, { teamSlug, environmentKey: "production", name: "app" })).key;
  await getDb().metricDefinition.createMany({
    data: [
      { key: "errors", name: "Error rate", kind: "error_rate", unit: "%", badDirection: "up" },
      { key: "latency", name: "Latency", kind: "latency", unit: "ms", badDirection: "up" },
      { key: "orders", name: "Orders", kind: "count", unit: "orders", badDirection: "down" },
      { key: "basket", name: "Basket", kind: "mean", unit: "EUR", badDirection: "down" },
    ].map((d, position) => ({ ...d, teamId: fx.team.id, position })),
  });
  return { fx, sdkKey };
}

export type MetricsHarness = {
  server: Server;
  baseUrl: string;
  store: EvaluationStore;
  buffer: MetricBuffer;
  exposures: ExposureCounter;
  catalog: MetricCatalog;
  flusher: MetricFlusher;
  ingest: (observations: unknown[]) => Promise<IngestAnswer>;
  evaluate: (targetingKey: string, context?: Record<string, string>) => Promise<number>;
  close: () => Promise<void>;
};

/**
 * The dedicated server's ingest and evaluation on node:http with a real flush worker.
 * `workerDatabaseUrl` lets a test put something between the worker and the database (an
 * outage); the catalog reads definitions from the database itself unless `catalogFromWorker`.
 */
export async function startMetricsHarness(options: {
  sdkKey: string;
  databaseUrl: string;
  workerDatabaseUrl?: string;
  limits?: BufferLimits;
  catalogFromWorker?: boolean;
  /** How often the worker reads definitions on its own (default 200 ms). */
  definitionsIntervalMs?: number;
  /** Runs once the evaluation snapshot is loaded, before the flush worker starts (an outage from the start). */
  beforeWorker?: () => Promise<void>;
}): Promise<MetricsHarness> {
  const db = getDb();
  const store = EvaluationStore.forDatabase(options.databaseUrl, { pollIntervalMs: 60_000 });
  await store.start();
  await options.beforeWorker?.();
  const buffer = new MetricBuffer(options.limits);
  const exposures = new ExposureCounter();
  const catalog = new MetricCatalog(options.catalogFromWorker ? null : db);
  const flusher = new MetricFlusher({
    databaseUrl: options.workerDatabaseUrl ?? options.databaseUrl,
    buffer,
    exposures,
    catalog,
    definitionsIntervalMs: options.definitionsIntervalMs ?? 200,
  });
  if (options.catalogFromWorker) catalog.onUpdate(() => void buffer.deferred.settle(catalog, buffer));
  const server = createOfrepServer(store, null, { exposures, ingest: { catalog, buffer } });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const headers = { authorization: `Bearer ${options.sdkKey}`, "content-type": "application/json" };
  return {
    server,
    baseUrl,
    store,
    buffer,
    exposures,
    catalog,
    flusher,
    async ingest(observations) {
      const response = await fetch(`${baseUrl}/api/v1/metrics`, {
        method: "POST",
        headers,
        body: JSON.stringify({ observations }),
      });
      const text = await response.text();
      return {
        status: response.status,
        retryAfter: response.headers.get("retry-after"),
        body: text ? JSON.parse(text) : null,
      };
    },
    async evaluate(targetingKey, context = {}) {
      const response = await fetch(`${baseUrl}/ofrep/v1/evaluate/flags/checkout`, {
        method: "POST",
        headers,
        body: JSON.stringify({ context: { targetingKey, ...context } }),
      });
      await response.text();
      return response.status;
    },
    async close() {
      await flusher.close();
      await store.stop();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Stored totals of one metric's series at one resolution, summed over cohorts and variants. */
export async function storedTotals(
  environmentId: string,
  metricKey: string,
  resolution = 86_400,
): Promise<{ count: number; sum: number; rows: number }> {
  const rows = await getDb().metricAggregate.findMany({
    where: { resolution, series: { environmentId, metricKey } },
    select: { count: true, sum: true },
  });
  return { count: rows.reduce((n, r) => n + r.count, 0), sum: rows.reduce((n, r) => n + r.sum, 0), rows: rows.length };
}
