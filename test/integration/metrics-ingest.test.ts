import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { createSdkKey } from "@/lib/api-keys/create-api-key";
import { createCohort } from "@/lib/cohorts/create-cohort";
import { getDb } from "@/lib/db/client";
import { databaseUrl } from "@/lib/db/database-url";
import { EvaluationStore } from "@/lib/evaluation/evaluation-store";
import { createOfrepServer } from "@/lib/http/ofrep/ofrep-http-server";
import { changeReleaseStatus } from "@/lib/releases/change-release-status";
import { createRelease } from "@/lib/releases/create-release";
import { setRollout } from "@/lib/releases/set-rollout";
import { createBuiltinBackend } from "@/lib/metrics/builtin/builtin-backend";
import { estimateCohortUsers, readExposureSeries } from "@/lib/metrics/builtin/exposure-queries";
import { ExposureCounter } from "@/lib/metrics/builtin/exposure-counter";
import { MetricBuffer } from "@/lib/metrics/builtin/metric-buffer";
import { MetricFlusher } from "@/lib/metrics/builtin/metric-flusher";
import { pruneAggregates } from "@/lib/metrics/builtin/metric-retention";
import { seriesRegistryFor } from "@/lib/metrics/backend-for";
import { MetricCatalog } from "@/lib/metrics/ingest/metric-catalog";
import { loadMetricDefinitions } from "@/lib/metrics/load-metric-definitions";
import type { MetricDefinitionView, MetricsBackend, SeriesSelector } from "@/lib/metrics/metric-types";
import { createTeamFixture, type TeamFixture } from "../support/fixtures";
import { describeEachProvider } from "../support/test-database";

type Item = Record<string, unknown>;

describeEachProvider("built-in metrics: ingest, exposures, query", () => {
  let fx: TeamFixture;
  let server: Server;
  let store: EvaluationStore;
  let flusher: MetricFlusher;
  let backend: MetricsBackend;
  let baseUrl: string;
  let sdkKey: string;
  let metrics: Map<string, MetricDefinitionView>;
  const environment = () => ({ environmentId: fx.environments.production.id, environmentKey: "production" });
  const selector = (metric: string, cohortKeys = ["staff", "eu", "default"]): SeriesSelector => ({
    ...environment(),
    releaseKey: "checkout",
    cohortKeys,
    metric: metrics.get(metric)!,
  });
  const lastHour = () => ({ from: Date.now() - 3_600_000, to: Date.now() + 60_000, stepSeconds: 60 });

  async function ingest(body: unknown, headers: Record<string, string> = { authorization: `Bearer ${sdkKey}` }) {
    const response = await fetch(`${baseUrl}/api/v1/metrics`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text
        ? (JSON.parse(text) as {
            accepted: number;
            rejected: number;
            errors: { index: number; field: string; message: string }[];
            error?: string;
          })
        : null,
    };
  }

  async function storedRows() {
    return getDb().metricAggregate.count({ where: { series: { environmentId: fx.environments.production.id } } });
  }

  beforeAll(async () => {
    fx = await createTeamFixture();
    const { editor, admin } = fx.actors;
    const teamSlug = fx.team.slug;
    await createCohort(editor, {
      teamSlug,
      key: "staff",
      name: "Staff",
      definition: { kind: "rules", conditions: [{ attribute: "email", operator: "endsWith", values: ["@acme.test"] }] },
    });
    await createCohort(editor, {
      teamSlug,
      key: "eu",
      name: "EU",
      definition: { kind: "rules", conditions: [{ attribute: "country", operator: "in", values: ["DE", "FR"] }] },
    });
    await createRelease(editor, { teamSlug, key: "checkout", name: "Checkout" });
    await setRollout(editor, {
      teamSlug,
      releaseKey: "checkout",
      environmentKey: "production",
      expectedVersion: 1,
      defaultBasisPoints: 0,
      cohorts: { staff: 10_000, eu: 5_000 },
    });
    await changeReleaseStatus(editor, {
      teamSlug,
      releaseKey: "checkout",
      environmentKey: "production",
      command: "start",
      expectedVersion: 2,
    });
    sdkKey = (await createSdkKey(admin, { teamSlug, environmentKey: "production", name: "app" })).key;
    const db = getDb();
    const definitions = [
      { key: "errors", name: "Error rate", kind: "error_rate", unit: "%", badDirection: "up" },
      { key: "latency", name: "Latency", kind: "latency", unit: "ms", badDirection: "up" },
      { key: "orders", name: "Orders", kind: "count", unit: "orders", badDirection: "down" },
      { key: "basket", name: "Basket", kind: "mean", unit: "EUR", badDirection: "down" },
    ];
    await db.metricDefinition.createMany({
      data: definitions.map((d, position) => ({ ...d, teamId: fx.team.id, position })),
    });
    await db.metricDefinition.create({
      data: {
        teamId: fx.team.id,
        key: "prom",
        name: "From Prometheus",
        kind: "count",
        badDirection: "up",
        source: "prometheus",
        query: 'sum(x{release="$release",cohort="$cohort",variant="$variant"})',
        position: 9,
      },
    });
    metrics = new Map((await loadMetricDefinitions(db, fx.team.id)).map((m) => [m.key, m]));

    store = EvaluationStore.forDatabase(databaseUrl(), { pollIntervalMs: 100 });
    const registry = seriesRegistryFor(db);
    const buffer = new MetricBuffer();
    const exposures = new ExposureCounter();
    const catalog = new MetricCatalog(db);
    flusher = new MetricFlusher({ databaseUrl: databaseUrl(), buffer, exposures, catalog });
    backend = createBuiltinBackend(db, registry);
    server = createOfrepServer(store, null, { exposures, ingest: { catalog, buffer } });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  beforeEach(async () => {
    await getDb().metricAggregate.deleteMany({ where: { series: { environmentId: fx.environments.production.id } } });
  });

  afterAll(async () => {
    await flusher.close();
    await store.stop();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("stores the good items of a batch and names the field of each bad one", async () => {
    const good: Item[] = [
      ...Array.from({ length: 40 }, (_, i) => ({
        metric: "errors",
        release: "checkout",
        cohort: "eu",
        variant: "treatment",
        value: i < 4 ? 1 : 0,
      })),
      { metric: "errors", release: "checkout", cohort: "eu", variant: "control", count: 200, sum: 2 },
      { metric: "orders", release: "checkout", cohort: "staff", variant: "treatment", value: 7 },
      { metric: "orders", release: "checkout", cohort: "staff", variant: "treatment", count: 3 },
      { metric: "basket", release: "checkout", cohort: "default", variant: "control", value: 30 },
      { metric: "basket", release: "checkout", cohort: "default", variant: "control", count: 2, sum: 90 },
    ];
    const bad: Item[] = [
      { metric: "nope", release: "checkout", cohort: "eu", variant: "treatment", value: 1 },
      { metric: "errors", release: "nope", cohort: "eu", variant: "treatment", value: 1 },
      { metric: "errors", release: "checkout", cohort: "mars", variant: "treatment", value: 1 },
      { metric: "errors", release: "checkout", cohort: "eu", variant: "both", value: 1 },
      { metric: "errors", release: "checkout", cohort: "eu", variant: "treatment", value: 0.5 },
      { metric: "errors", release: "checkout", cohort: "eu", variant: "treatment", count: 2, sum: 3 },
      { metric: "latency", release: "checkout", cohort: "eu", variant: "treatment", value: "fast" },
      { metric: "latency", release: "checkout", cohort: "eu", variant: "treatment", value: -1 },
      {
        metric: "latency",
        release: "checkout",
        cohort: "eu",
        variant: "treatment",
        value: 5,
        timestamp: Date.now() - 30 * 86_400_000,
      },
      { metric: "prom", release: "checkout", cohort: "eu", variant: "treatment", value: 1 },
      { metric: "orders", release: "checkout", cohort: "eu", variant: "treatment", value: 1, extra: true },
    ];
    const response = await ingest({ observations: [...good, ...bad] });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ accepted: good.length, rejected: bad.length });
    expect(response.body!.errors.map((e) => [e.index - good.length, e.field])).toEqual([
      [0, "metric"],
      [1, "release"],
      [2, "cohort"],
      [3, "variant"],
      [4, "value"],
      [5, "sum"],
      [6, "value"],
      [7, "value"],
      [8, "timestamp"],
      [9, "metric"],
      [10, "observation"],
    ]);
    await flusher.flush();

    const errors = await backend.series(selector("errors", ["eu"]), lastHour());
    const treatment = errors.find((s) => s.variant === "treatment")!.points;
    const control = errors.find((s) => s.variant === "control")!.points;
    expect(treatment).toHaveLength(1);
    expect(treatment[0]).toMatchObject({ value: 0.1, samples: 40 });
    expect(control[0]).toMatchObject({ value: 0.01, samples: 200 });
    const orders = await backend.series(selector("orders", ["staff"]), lastHour());
    expect(orders.find((s) => s.variant === "treatment")!.points[0]!.value).toBe(10);
    const basket = await backend.series(selector("basket", ["default"]), lastHour());
    expect(basket.find((s) => s.variant === "control")!.points[0]).toMatchObject({ value: 40, samples: 3 });
  });

  it("refuses whole requests that can't be read, and stores nothing", async () => {
    const item = { metric: "orders", release: "checkout", cohort: "eu", variant: "treatment", value: 1 };
    expect((await ingest("{not json")).status).toBe(400);
    expect((await ingest({ items: [item] })).body!.error).toMatch(/observations/);
    expect((await ingest({ observations: [{ metric: "nope" }] })).status).toBe(400);
    expect((await ingest({ observations: Array.from({ length: 5001 }, () => item) })).status).toBe(413);
    expect((await ingest(JSON.stringify({ observations: [item], pad: "x".repeat(1_100_000) }))).status).toBe(413);
    expect((await ingest({ observations: [item] }, {})).status).toBe(401);
    expect((await ingest({ observations: [item] }, { authorization: "Bearer gp_sdk_wrong" })).status).toBe(403);
    await flusher.flush();
    expect(await storedRows()).toBe(0);
  });

  it("merges latency sketches across flushes and keeps every resolution consistent", async () => {
    const samples = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, i) => ({
        metric: "latency",
        release: "checkout",
        cohort: "eu",
        variant: "treatment",
        value: from + i,
      }));
    await ingest({ observations: samples(1, 501) });
    await flusher.flush();
    await ingest({ observations: samples(501, 1001) });
    await flusher.flush();
    const [p50, p95, p99] = ["p50", "p95", "p99"].map((stat) => {
      return async (step: number) => {
        const result = await backend.series(selector("latency", ["eu"]), {
          ...lastHour(),
          from: Date.now() - 86_400_000,
          stepSeconds: step,
        });
        return result.find((s) => s.variant === "treatment" && s.stat === stat)!.points.at(-1)!;
      };
    });
    for (const step of [60, 300, 3600, 86400]) {
      const point = await p95!(step);
      expect(point.samples).toBe(1000);
      expect(point.value!).toBeGreaterThan(950 * 0.98);
      expect(point.value!).toBeLessThan(950 * 1.02);
    }
    expect((await p50!(60)).value!).toBeCloseTo(500, -1);
    expect((await p99!(900)).value!).toBeGreaterThan(990 * 0.98);
    const summary = await backend.summary(selector("latency", ["eu"]), {
      from: Date.now() - 3_600_000,
      to: Date.now() + 60_000,
    });
    expect(summary.find((s) => s.variant === "treatment" && s.stat === "p95")).toMatchObject({ samples: 1000 });
    expect(summary.find((s) => s.variant === "control" && s.stat === "p95")).toMatchObject({ samples: 0, value: null });
  });

  it("files back-dated observations under their own minute", async () => {
    const threeHoursAgo = Date.now() - 3 * 3_600_000;
    await ingest({
      observations: [
        {
          metric: "orders",
          release: "checkout",
          cohort: "eu",
          variant: "control",
          value: 5,
          timestamp: new Date(threeHoursAgo).toISOString(),
        },
      ],
    });
    await flusher.flush();
    const series = await backend.series(selector("orders", ["eu"]), {
      from: Date.now() - 86_400_000,
      to: Date.now(),
      stepSeconds: 300,
    });
    const points = series.find((s) => s.variant === "control")!.points;
    expect(points).toHaveLength(1);
    expect(points[0]!.t).toBe(Math.floor(threeHoursAgo / 300_000) * 300_000);
  });

  it("counts evaluations and distinct users per cohort and variant from OFREP traffic", async () => {
    const evaluateAs = (user: string, context: Record<string, string>) =>
      fetch(`${baseUrl}/ofrep/v1/evaluate/flags/checkout`, {
        method: "POST",
        headers: { authorization: `Bearer ${sdkKey}`, "content-type": "application/json" },
        body: JSON.stringify({ context: { targetingKey: user, ...context } }),
      });
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 60; i++) await evaluateAs(`eu-${i}`, { country: "DE" });
      for (let i = 0; i < 20; i++) await evaluateAs(`staff-${i}`, { email: `s${i}@acme.test` });
    }
    await flusher.flush();
    const exposures = await readExposureSeries(
      getDb(),
      { environmentId: fx.environments.production.id, releaseKey: "checkout", cohortKeys: ["eu", "staff", "default"] },
      lastHour(),
    );
    // The evaluations may straddle a minute boundary: add up every minute (distinct users can't
    // be added across minutes; the merged estimate below checks those).
    const evaluations = (cohort: string, variant?: string) =>
      exposures
        .filter((e) => e.cohortKey === cohort && (!variant || e.variant === variant))
        .reduce((n, e) => n + e.points.reduce((m, p) => m + p.evaluations, 0), 0);
    expect(evaluations("eu")).toBe(120);
    expect(evaluations("staff")).toBe(40);
    expect(exposures.find((e) => e.cohortKey === "staff" && e.variant === "control")!.points).toEqual([]);
    // A 50% cohort splits its users between the two variants (each user was evaluated twice).
    const euTreatment = evaluations("eu", "treatment") / 2;
    expect(euTreatment).toBeGreaterThan(15);
    expect(euTreatment).toBeLessThan(45);
    const users = await estimateCohortUsers(
      getDb(),
      { environmentId: fx.environments.production.id, releaseKey: "checkout", cohortKeys: ["eu", "staff", "default"] },
      { from: Date.now() - 86_400_000, to: Date.now() + 60_000 },
    );
    // Distinct counts are estimates (HyperLogLog): exact to within a user or two at this size.
    expect(users.get("eu")).toBeGreaterThanOrEqual(58);
    expect(users.get("eu")).toBeLessThanOrEqual(62);
    expect(users.get("staff")).toBe(20);
    expect(users.has("default")).toBe(false);
  });

  it("drops rows past their resolution's retention and keeps coarser ones", async () => {
    const tenDaysAgo = Date.now() - 6 * 86_400_000;
    await ingest({
      observations: [
        { metric: "orders", release: "checkout", cohort: "eu", variant: "control", value: 1, timestamp: tenDaysAgo },
      ],
    });
    await flusher.flush();
    expect(await storedRows()).toBe(4);
    await pruneAggregates(getDb(), { 60: 5, 300: 35, 3600: 120, 86400: 400 });
    expect(await storedRows()).toBe(3);
  });
});
