import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb, type Db } from "@/lib/db/client";
import { databaseUrl, providerOf } from "@/lib/db/database-url";
import type { ArmData } from "@/lib/domain/guardrails/guardrail-types";
import type { TickData } from "@/lib/domain/plans/decide-plan-tick";
import { murmur3 } from "@/lib/domain/murmur3";
import { AggregateCell } from "@/lib/metrics/builtin/aggregate-cell";
import { DistinctSketch } from "@/lib/metrics/builtin/distinct-sketch";
import { writeCells, type MinuteCell } from "@/lib/metrics/builtin/aggregate-writer";
import { chunks, seriesRegistryFor } from "@/lib/metrics/builtin/series-registry";
import { readGuardrailData, type GuardrailDataRequest } from "@/lib/metrics/guardrail-data/read-guardrail-data";
import {
  EXPOSURE_METRIC_KEY,
  VARIANTS,
  type MetricDefinitionView,
  type MetricKind,
  type Variant,
} from "@/lib/metrics/metric-types";
import { createTeamFixture, type TeamFixture } from "../support/fixtures";
import { describeEachProvider } from "../support/test-database";

function definition(key: string, kind: MetricKind, extra: Partial<MetricDefinitionView> = {}): MetricDefinitionView {
  return {
    key,
    name: key,
    unit: "",
    kind,
    badDirection: "up",
    source: "builtin",
    query: null,
    sampleQuery: null,
    ...extra,
  };
}

const ERRORS = definition("errors", "error_rate");
const LATENCY = definition("latency", "latency");
const ORDERS = definition("orders", "count");
const BASKET = definition("basket", "mean");

const COHORTS = ["beta", "default"] as const;
const MINUTE = 60_000;
// A plan of about two and a half days, starting on a minute; the step started mid-minute.
const SINCE = Date.UTC(2026, 0, 10, 22, 37);
const STEP_SINCE = Date.UTC(2026, 0, 12, 23, 58, 20);
const NOW = Date.UTC(2026, 0, 13, 5, 12, 30);

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What one cohort × variant received in one minute. */
type MinuteData = { requests: number; errors: number; events: number; latencies: number[]; users: string[] };
type Truth = { requests: number; errors: number; events: number; latencies: number[]; users: Set<string> };

const included = (minute: number, from: number, to: number) =>
  minute >= Math.floor(from / MINUTE) && minute < Math.ceil(to / MINUTE);

/** Known traffic for each cohort × variant, in minutes before, inside and after the window. */
function traffic(cohortKey: string, variant: Variant): Map<number, MinuteData> {
  const rand = random(murmur3(`${cohortKey}/${variant}`));
  const sinceMinute = SINCE / MINUTE;
  const nowMinute = Math.floor(NOW / MINUTE);
  const stepMinute = Math.floor(STEP_SINCE / MINUTE);
  // The edges of both windows, the day and hour boundaries inside, and random minutes around.
  const minutes = new Set([
    sinceMinute - 1,
    sinceMinute,
    sinceMinute + 1,
    stepMinute - 1,
    stepMinute,
    stepMinute + 1,
    nowMinute - 1,
    nowMinute,
    nowMinute + 1,
    Date.UTC(2026, 0, 11) / MINUTE - 1,
    Date.UTC(2026, 0, 11) / MINUTE,
    Date.UTC(2026, 0, 12, 23) / MINUTE,
  ]);
  while (minutes.size < 160)
    minutes.add(sinceMinute - 180 + Math.floor(rand() * (nowMinute + 120 - sinceMinute + 180)));
  const base = variant === "treatment" ? 120 : 100;
  const errorRate = variant === "treatment" ? 0.08 : 0.03;
  const data = new Map<number, MinuteData>();
  for (const minute of minutes) {
    const requests = 1 + Math.floor(rand() * 60);
    const errors = Math.min(requests, Math.floor(requests * errorRate * rand() * 2));
    const latencies = Array.from({ length: 20 }, () => {
      // Log-normal-ish: a long right tail, as latencies have.
      const normal = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
      return base * Math.exp(0.5 * normal);
    });
    const users = [
      ...Array.from({ length: 4 }, (_, i) => `${cohortKey}-${variant}-${minute}-${i}`),
      ...Array.from({ length: 3 }, () => `${cohortKey}-regular-${Math.floor(rand() * 400)}`),
    ];
    data.set(minute, { requests, errors, events: Math.floor(rand() * 20), latencies, users });
  }
  return data;
}

function truthOf(data: Map<number, MinuteData>, from: number, to: number): Truth {
  const truth: Truth = { requests: 0, errors: 0, events: 0, latencies: [], users: new Set() };
  for (const [minute, d] of data) {
    if (!included(minute, from, to)) continue;
    truth.requests += d.requests;
    truth.errors += d.errors;
    truth.events += d.events;
    truth.latencies.push(...d.latencies);
    for (const user of d.users) truth.users.add(user);
  }
  return truth;
}

/** The sample DDSketch's quantile stands for: rank q·(n − 1), rounded down. */
function trueQuantile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(q * (sorted.length - 1))]!;
}

function cellsFor(environmentId: string, cohortKey: string, variant: Variant, data: Map<number, MinuteData>) {
  const series = (metricKey: string) => ({ environmentId, metricKey, releaseKey: "checkout", cohortKey, variant });
  const cells: MinuteCell[] = [];
  for (const [minute, d] of data) {
    const errors = new AggregateCell("plain");
    errors.addIncrement(d.requests, d.errors);
    // A count observation adds its events to both count and sum (lib/metrics/ingest/apply-observation.ts).
    const orders = new AggregateCell("plain");
    orders.addIncrement(d.events, d.events);
    const latency = new AggregateCell("latency");
    for (const value of d.latencies) latency.addSample(value);
    const exposures = new AggregateCell("exposure");
    for (const user of d.users) exposures.addExposure(murmur3(user));
    cells.push(
      { series: series("errors"), minute, cell: errors },
      { series: series("orders"), minute, cell: orders },
      { series: series("latency"), minute, cell: latency },
      { series: series(EXPOSURE_METRIC_KEY), minute, cell: exposures },
    );
  }
  return cells;
}

function arm<K extends ArmData["kind"]>(
  data: TickData,
  cohortKey: string,
  metricKey: string,
  variant: Variant,
  kind: K,
) {
  if (!data.ok) throw new Error(`expected data, got ${data.error}`);
  const found = data.cohorts[cohortKey]?.metrics[metricKey]?.[variant];
  if (found?.kind !== kind) throw new Error(`no ${kind} arm for ${cohortKey}/${metricKey}/${variant}`);
  return found as Extract<ArmData, { kind: K }>;
}

/**
 * Distinct users as the store's sketch (HyperLogLog, 2,048 registers) sees them: the read must
 * answer exactly this for the users of the window, merged from any number of stored buckets.
 */
function sketchOf(users: ReadonlySet<string>): number {
  const sketch = new DistinctSketch();
  for (const user of users) sketch.add(murmur3(user));
  return Math.round(sketch.estimate());
}

// The sketch's own error: 2,048 registers give a standard error of 1.6% (linear counting, below
// ~5,000 users) to 2.3% (above); 5% is over two of them. 3% would be under two: one estimate of
// the sixteen here (834 for 862 users, -3.2%) misses it.
const SKETCH_TOLERANCE = 0.05;

function expectWithin(actual: number, expected: number, relative: number) {
  expect(Math.abs(actual - expected) / expected).toBeLessThanOrEqual(relative);
}

/** The same client, counting raw reads and series look-ups (a registry of its own: cold ids). */
function countingDb(db: Db, fail = false) {
  const counts = { raw: 0, seriesLookups: 0 };
  const proxy = new Proxy(db, {
    get(target, prop) {
      if (prop === "$queryRaw")
        return (...args: unknown[]) => {
          counts.raw++;
          if (fail) return Promise.reject(new Error("connect ECONNREFUSED postgres://user:hunter2@db"));
          return (target.$queryRaw as (...a: unknown[]) => Promise<unknown>)(...args);
        };
      if (prop === "metricSeries")
        return {
          findMany: (args: Parameters<Db["metricSeries"]["findMany"]>[0]) => {
            counts.seriesLookups++;
            return target.metricSeries.findMany(args);
          },
        };
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { db: proxy, counts };
}

/** A stand-in Prometheus answering instant queries by the metric name and variant in the query. */
async function fakePrometheus(answer: (query: string) => number | null) {
  const queries: string[] = [];
  const server = http.createServer(async (req, res) => {
    // The backend posts its parameters as a form.
    let body = "";
    for await (const chunk of req) body += chunk;
    const params = new URLSearchParams(body);
    const query = params.get("query") ?? "";
    queries.push(query);
    const value = answer(query);
    res.setHeader("content-type", "application/json");
    res.end(
      JSON.stringify({
        status: "success",
        data: {
          resultType: "vector",
          result: value === null ? [] : [{ metric: {}, value: [Number(params.get("time")), String(value)] }],
        },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    queries,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

describeEachProvider("guardrail data", () => {
  let fx: TeamFixture;
  const data = new Map<string, Map<number, MinuteData>>();
  const key = (cohortKey: string, variant: Variant) => `${cohortKey}/${variant}`;
  const request = (overrides: Partial<GuardrailDataRequest> = {}): GuardrailDataRequest => ({
    environmentId: fx.environments.production.id,
    environmentKey: "production",
    releaseKey: "checkout",
    cohortKeys: COHORTS,
    metrics: [ERRORS, LATENCY, ORDERS, BASKET],
    team: { prometheusUrl: null, prometheusToken: null },
    since: SINCE,
    stepSince: STEP_SINCE,
    now: NOW,
    ...overrides,
  });

  beforeAll(async () => {
    fx = await createTeamFixture();
    const cells: MinuteCell[] = [];
    for (const cohortKey of COHORTS) {
      for (const variant of VARIANTS) {
        const received = traffic(cohortKey, variant);
        data.set(key(cohortKey, variant), received);
        cells.push(...cellsFor(fx.environments.production.id, cohortKey, variant, received));
      }
    }
    const db = getDb();
    for (const chunk of chunks(cells, 500))
      await writeCells(db, providerOf(databaseUrl()), seriesRegistryFor(db), chunk);
  });

  it("reads both arms of every cohort since the plan started: counts exact, p95 within 1%, users as the sketch counts them", async () => {
    const result = await readGuardrailData(request());
    expect(result.ok).toBe(true);
    for (const cohortKey of COHORTS) {
      for (const variant of VARIANTS) {
        const received = data.get(key(cohortKey, variant))!;
        const plan = truthOf(received, SINCE, NOW);
        const step = truthOf(received, STEP_SINCE, NOW);
        // The data outside the window is there, and left out.
        expect(truthOf(received, SINCE - 4 * 3_600_000, NOW + 3_600_000).requests).toBeGreaterThan(plan.requests);

        expect(arm(result, cohortKey, "errors", variant, "error_rate")).toEqual({
          kind: "error_rate",
          requests: plan.requests,
          errors: plan.errors,
        });
        const orders = arm(result, cohortKey, "orders", variant, "count");
        expect(orders.events).toBe(plan.events);
        expect(orders.exposedUsers).toBe(sketchOf(plan.users));
        expectWithin(orders.exposedUsers, plan.users.size, SKETCH_TOLERANCE);
        const latency = arm(result, cohortKey, "latency", variant, "latency");
        expect(latency.count).toBe(plan.latencies.length);
        for (const q of [0.5, 0.95, 0.99]) expectWithin(latency.quantile(q)!, trueQuantile(plan.latencies, q), 0.01);
        const exposures = result.ok ? result.cohorts[cohortKey]?.exposures : null;
        expect(exposures![variant]).toBe(sketchOf(step.users));
        expectWithin(exposures![variant], step.users.size, SKETCH_TOLERANCE);
      }
      // A mean has no variance to judge: left out.
      expect(result.ok && result.cohorts[cohortKey]?.metrics).not.toHaveProperty("basket");
    }
  });

  it("respects the window's edges to the minute", async () => {
    const beta = data.get(key("beta", "treatment"))!;
    const at = (epochMs: number) => beta.get(Math.floor(epochMs / MINUTE))!.requests;
    const requests = async (overrides: Partial<GuardrailDataRequest>) =>
      arm(await readGuardrailData(request(overrides)), "beta", "errors", "treatment", "error_rate").requests;

    const whole = await requests({});
    // Starting a minute later drops exactly the first minute; ending on a minute drops the one in progress.
    expect(await requests({ since: SINCE + MINUTE })).toBe(whole - at(SINCE));
    expect(await requests({ now: Math.floor(NOW / MINUTE) * MINUTE })).toBe(whole - at(NOW));
    // A start inside a minute keeps that minute: what arrives in a plan's first minute counts.
    expect(await requests({ since: SINCE + 1 })).toBe(whole);
    expect(await requests({ since: NOW, now: NOW })).toBe(0);
  });

  it("reads every metric and cohort with two queries, not one per cohort", async () => {
    const read = (cohortKeys: readonly string[], db: Db) => readGuardrailData(request({ cohortKeys }), db);
    // Cold ids: one look-up per metric and window (three metrics, exposures in both windows).
    const cold = countingDb(getDb());
    expect((await read(["beta"], cold.db)).ok).toBe(true);
    expect(cold.counts).toEqual({ raw: 2, seriesLookups: 5 });
    // Known ids are remembered.
    expect((await read(["beta"], cold.db)).ok).toBe(true);
    expect(cold.counts).toEqual({ raw: 4, seriesLookups: 5 });
    // More cohorts, the same queries ("eu" and "apac" have no series: looked for at every call).
    const wide = countingDb(getDb());
    expect((await read([...COHORTS, "eu", "apac"], wide.db)).ok).toBe(true);
    expect(wide.counts).toEqual({ raw: 2, seriesLookups: 5 });

    // A cohort without traffic gets empty arms, not an error.
    const result = await readGuardrailData(request({ cohortKeys: ["eu"] }));
    expect(arm(result, "eu", "errors", "control", "error_rate")).toEqual({
      kind: "error_rate",
      requests: 0,
      errors: 0,
    });
    expect(arm(result, "eu", "latency", "control", "latency").quantile(0.95)).toBeNull();
    expect(result.ok && result.cohorts.eu?.exposures).toEqual({ treatment: 0, control: 0, relativeError: 0.023 });
  });

  describe("Prometheus", () => {
    let prometheus: Awaited<ReturnType<typeof fakePrometheus>>;
    beforeAll(async () => {
      prometheus = await fakePrometheus((query) => {
        const treatment = query.includes('variant="treatment"');
        if (query.includes("requests_total")) return treatment ? 2000 : 8000;
        if (query.includes("errors_ratio")) return treatment ? 0.0512 : 0.01;
        if (query.includes("orders_total")) return treatment ? 301.6 : null;
        return null;
      });
    });
    afterAll(() => prometheus.close());

    const selector = '{release="$release",cohort="$cohort",variant="$variant"}';
    const promErrors = definition("prom-errors", "error_rate", {
      source: "prometheus",
      query: `sum(errors_ratio${selector})`,
      sampleQuery: `sum(increase(requests_total${selector}[$window]))`,
    });
    const promOrders = definition("prom-orders", "count", {
      source: "prometheus",
      query: `sum(increase(orders_total${selector}[$window]))`,
    });
    const promLatency = definition("prom-latency", "latency", {
      source: "prometheus",
      query: `histogram_quantile($quantile, sum by (le) (rate(latency_bucket${selector}[$window])))`,
    });

    it("turns summaries into arms (users from the built-in exposures) and leaves latency out", async () => {
      const result = await readGuardrailData(
        request({
          metrics: [promErrors, promOrders, promLatency, ERRORS],
          team: { prometheusUrl: prometheus.url, prometheusToken: null },
        }),
      );
      expect(arm(result, "beta", "prom-errors", "treatment", "error_rate")).toEqual({
        kind: "error_rate",
        requests: 2000,
        errors: 102,
      });
      expect(arm(result, "beta", "prom-errors", "control", "error_rate")).toEqual({
        kind: "error_rate",
        requests: 8000,
        errors: 80,
      });
      const orders = arm(result, "default", "prom-orders", "treatment", "count");
      expect(orders.events).toBeCloseTo(301.6);
      expect(orders.exposedUsers).toBe(sketchOf(truthOf(data.get(key("default", "treatment"))!, SINCE, NOW).users));
      expect(arm(result, "default", "prom-orders", "control", "count").events).toBe(0);
      for (const cohortKey of COHORTS) {
        expect(result.ok && result.cohorts[cohortKey]?.metrics).not.toHaveProperty("prom-latency");
        expect(arm(result, cohortKey, "errors", "control", "error_rate").requests).toBeGreaterThan(0);
      }
      expect(prometheus.queries.some((q) => q.includes("latency_bucket"))).toBe(false);
      // One summary over the whole plan: $window is its length.
      expect(prometheus.queries).toContain(
        'sum(increase(requests_total{release="checkout",cohort="beta",variant="treatment"}[2d6h35m30s]))',
      );
    });

    it("a backend that fails holds the plan: ok false with our summary, nothing thrown, no secrets", async () => {
      const log = vi.spyOn(console, "error").mockImplementation(() => {});
      try {
        const down = await readGuardrailData(
          request({
            metrics: [ERRORS, promErrors],
            team: { prometheusUrl: "http://127.0.0.1:1", prometheusToken: "s3cret-token" },
          }),
        );
        expect(down.ok).toBe(false);
        const error = down.ok ? "" : down.error;
        expect(error).toMatch(/^Metric "prom-errors" could not be read: Prometheus is unreachable \(/);
        expect(error).not.toContain("127.0.0.1");

        const unconfigured = await readGuardrailData(request({ metrics: [promOrders] }));
        expect(unconfigured.ok).toBe(false);

        const { db } = countingDb(getDb(), true);
        const storeDown = await readGuardrailData(request(), db);
        expect(storeDown).toEqual({ ok: false, error: "Glidepath's metrics store could not be read" });
        expect(log).toHaveBeenCalledTimes(3);
        for (const [line] of log.mock.calls) expect(String(line)).not.toContain("s3cret-token");
      } finally {
        log.mockRestore();
      }
    });
  });
});
