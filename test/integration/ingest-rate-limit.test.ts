import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createSdkKey } from "@/lib/api-keys/create-api-key";
import { getDb } from "@/lib/db/client";
import { databaseUrl } from "@/lib/db/database-url";
import { EvaluationStore } from "@/lib/evaluation/evaluation-store";
import { createOfrepServer } from "@/lib/http/ofrep/ofrep-http-server";
import { RateLimiter } from "@/lib/evaluation/rate-limiter";
import { ExposureCounter } from "@/lib/metrics/builtin/exposure-counter";
import { MetricBuffer } from "@/lib/metrics/builtin/metric-buffer";
import { MetricFlusher } from "@/lib/metrics/builtin/metric-flusher";
import { ingestFetch } from "@/lib/http/ingest/ingest-fetch-adapter";
import type { IngestDeps } from "@/lib/metrics/ingest/ingest-handler";
import { IngestRateLimits } from "@/lib/evaluation/ingest-rate-limits";
import { MetricCatalog } from "@/lib/metrics/ingest/metric-catalog";
import { createTeamFixture, type TeamFixture } from "../support/fixtures";
import { scenario } from "../support/scenario";
import { describeEachProvider } from "../support/test-database";

type Transport = {
  name: string;
  post: (
    body: unknown,
    key: string,
  ) => Promise<{ status: number; retryAfter: string | null; body: { accepted?: number; error?: string } }>;
};

// Per SDK key: requests per second (checked before the body is read) and observations per
// second (checked once the batch is parsed, before any item is kept). The clock stands still,
// so what a test sees depends on the counts alone, never on how fast this machine is.
describeEachProvider("metrics ingest rate limit per SDK key", () => {
  let fx: TeamFixture;
  let store: EvaluationStore;
  let server: Server;
  let flusher: MetricFlusher;
  const keys: string[] = [];
  let limits: IngestRateLimits;
  let deps: IngestDeps;
  const transports: Transport[] = [];

  const observations = (count: number, cohort: string) => ({
    observations: Array.from({ length: count }, () => ({
      metric: "errors",
      release: "checkout",
      cohort,
      variant: "treatment",
      value: 0,
    })),
  });
  const storedCount = async (cohortKey: string) => {
    await flusher.flush();
    const rows = await getDb().metricAggregate.findMany({
      where: {
        resolution: 60,
        series: { environmentId: fx.environments.production.id, cohortKey, metricKey: "errors" },
      },
    });
    return rows.reduce((sum, row) => sum + row.count, 0);
  };

  beforeAll(async () => {
    fx = await createTeamFixture();
    await scenario(fx).release("checkout");
    await getDb().metricDefinition.create({
      data: { teamId: fx.team.id, key: "errors", name: "Errors", kind: "error_rate", badDirection: "up", position: 1 },
    });
    for (const name of ["dedicated", "dashboard"])
      keys.push(
        (await createSdkKey(fx.actors.admin, { teamSlug: fx.team.slug, environmentKey: "production", name })).key,
      );
    const db = getDb();
    store = EvaluationStore.forDatabase(databaseUrl(), { pollIntervalMs: 100 });
    const buffer = new MetricBuffer();
    const exposures = new ExposureCounter();
    flusher = new MetricFlusher({ databaseUrl: databaseUrl(), buffer, exposures });
    const frozen = () => 0;
    limits = new IngestRateLimits(new RateLimiter(3, 3, frozen), new RateLimiter(100, 100, frozen));
    deps = { store, catalog: new MetricCatalog(db), buffer, limits };
    server = createOfrepServer(store, null, { exposures, ingest: { catalog: deps.catalog, buffer, limits } });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/metrics`;
    const answer = async (response: Response) => ({
      status: response.status,
      retryAfter: response.headers.get("retry-after"),
      body: await response.json(),
    });
    const request = (body: unknown, key: string) => ({
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    transports.push(
      { name: "dedicated server", post: async (body, key) => answer(await fetch(url, request(body, key))) },
      {
        name: "dashboard route",
        post: async (body, key) =>
          answer(await ingestFetch(new Request("http://localhost/api/v1/metrics", request(body, key)), deps)),
      },
    );
  });

  afterAll(async () => {
    await flusher.close();
    await store.stop();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("observations past the key's budget: 429 with Retry-After, and nothing of that batch is kept", async () => {
    for (const [index, transport] of transports.entries()) {
      const key = keys[index]!;
      const first = await transport.post(observations(60, "default"), key);
      expect(first, transport.name).toMatchObject({ status: 200, body: { accepted: 60 } });
      // 40 of the 100 left: a batch of 60 is refused whole.
      const second = await transport.post(observations(60, "default"), key);
      expect(second.status, transport.name).toBe(429);
      expect(Number(second.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(second.body.error).toMatch(/at most 100 observations per second/);
      expect(await transport.post(observations(40, "default"), key)).toMatchObject({
        status: 200,
        body: { accepted: 40 },
      });
    }
    // Each key: 60 + 40 kept, the refused 60 not.
    expect(await storedCount("default")).toBe(200);
  });

  it("requests past the key's budget: 429 with Retry-After before the body is read, per key", async () => {
    for (const [index, transport] of transports.entries()) {
      // The three requests of each key's budget went on the batches above.
      const refused = await transport.post(observations(1, "default"), keys[index]!);
      expect(refused.status, transport.name).toBe(429);
      expect(refused.body.error).toMatch(/at most 3 requests per second/);
      expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    }
    // Another key of the same environment has its own budget.
    const fresh = (
      await createSdkKey(fx.actors.admin, { teamSlug: fx.team.slug, environmentKey: "production", name: "fresh" })
    ).key;
    await store.refresh();
    expect(await transports[0]!.post(observations(1, "default"), fresh)).toMatchObject({
      status: 200,
      body: { accepted: 1 },
    });
  });
});
