import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterAll, beforeAll, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { databaseUrl } from "@/lib/db/database-url";
import { EvaluationStore } from "@/lib/evaluation/evaluation-store";
import { createOfrepServer } from "@/lib/http/ofrep/ofrep-http-server";
import { seriesRegistryFor } from "@/lib/metrics/backend-for";
import { createBuiltinBackend } from "@/lib/metrics/builtin/builtin-backend";
import { readExposureSeries } from "@/lib/metrics/builtin/exposure-queries";
import { ExposureCounter } from "@/lib/metrics/builtin/exposure-counter";
import { MetricBuffer } from "@/lib/metrics/builtin/metric-buffer";
import { MetricFlusher } from "@/lib/metrics/builtin/metric-flusher";
import { MetricCatalog } from "@/lib/metrics/ingest/metric-catalog";
import { loadMetricDefinitions } from "@/lib/metrics/load-metric-definitions";
import type { MetricSummary, MetricsBackend } from "@/lib/metrics/metric-types";
import { ensureDemoSdkKey } from "@/lib/seed/ensure-demo-sdk-key";
import { ensureDemoPlan } from "@/lib/seed/ensure-demo-plan";
import { inTransaction } from "@/lib/db/transaction";
import { readGuardrailData } from "@/lib/metrics/guardrail-data/read-guardrail-data";
import { runControllerTick } from "@/lib/plans/controller/run-controller-tick";
import { seedDemo } from "@/lib/seed/seed-demo";
import { REGRESSION } from "@/scripts/demo-traffic/app-model";
import { backfill } from "@/scripts/demo-traffic/backfill";
import { DemoState } from "@/scripts/demo-traffic/demo-state";
import { FatalError, GlidepathClient } from "@/scripts/demo-traffic/glidepath-client";
import { withRetry } from "@/scripts/demo-traffic/retry";
import { runLiveTraffic } from "@/scripts/demo-traffic/live-traffic";
import { evaluatePanel } from "@/scripts/demo-traffic/panel";
import { createRandom } from "@/scripts/demo-traffic/random";
import { evaluationContext, syntheticUsers } from "@/scripts/demo-traffic/synthetic-users";
import { describeEachProvider } from "../support/test-database";

const SDK_KEY = "gp_sdk_demoTrafficIntegrationTest0000000";

describeEachProvider("demo traffic generator against the OFREP + ingest server", () => {
  let server: Server;
  let store: EvaluationStore;
  let flusher: MetricFlusher;
  let backend: MetricsBackend;
  let baseUrl: string;
  let environmentId: string;
  let stateDir: string;
  const users = syntheticUsers(3_000, createRandom(11));

  beforeAll(async () => {
    const db = getDb();
    await seedDemo({ db });
    process.env.GLIDEPATH_DEMO_SDK_KEY = SDK_KEY;
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "glidepath-demo-traffic-"));
    try {
      await ensureDemoSdkKey(stateDir);
    } finally {
      delete process.env.GLIDEPATH_DEMO_SDK_KEY;
    }
    environmentId = (await db.environment.findFirstOrThrow({ where: { key: "production", team: { slug: "acme" } } }))
      .id;
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

  afterAll(async () => {
    await flusher.close();
    await store.stop();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(stateDir, { recursive: true, force: true });
  });

  it("back-fills an hour and runs live: the regressed cohort's treatment is worse, everything else matches control", async () => {
    const client = new GlidepathClient(baseUrl, SDK_KEY);
    const random = createRandom(11);
    const signal = new AbortController().signal;
    const stateFile = path.join(stateDir, "state.json");
    const state = new DemoState(stateFile, baseUrl, SDK_KEY);
    const panel = (await evaluatePanel(client, users, 800, random, signal))!;
    expect(panel).toHaveLength(800);
    const to = Math.floor(Date.now() / 60_000) * 60_000;
    expect(
      await backfill({
        client,
        panel,
        from: to - 3_600_000,
        to,
        visitsPerMinute: 1_200,
        latencySamples: 20,
        random,
        state,
        signal,
      }),
    ).toBe(true);
    expect(state.sentUntil()).toBe(to);
    await runLiveTraffic({
      client,
      users,
      usersPerSecond: 20,
      random,
      state,
      signal,
      durationMs: 2_500,
      logEveryMs: 60_000,
    });
    expect(new DemoState(stateFile, baseUrl, SDK_KEY).sentUntil()).toBeGreaterThan(to);
    await flusher.flush();

    const metrics = new Map(
      (
        await loadMetricDefinitions(getDb(), (await getDb().team.findUniqueOrThrow({ where: { slug: "acme" } })).id)
      ).map((m) => [m.key, m]),
    );
    const window = { from: to - 3_600_000, to: Date.now() + 60_000 };
    const summary = (releaseKey: string, metric: string) =>
      backend.summary(
        {
          environmentId,
          environmentKey: "production",
          releaseKey,
          cohortKeys: ["mobile", "us", "eu", "default"],
          metric: metrics.get(metric)!,
        },
        window,
      );
    const pick = (rows: MetricSummary[], cohort: string, variant: string, stat = "value") =>
      rows.find((r) => r.cohortKey === cohort && r.variant === variant && r.stat === stat)!;

    const errors = await summary(REGRESSION.release, "error-rate");
    const mobileTreatment = pick(errors, "mobile", "treatment");
    const mobileControl = pick(errors, "mobile", "control");
    expect(mobileTreatment.samples).toBeGreaterThan(2_000);
    expect(mobileTreatment.value! / mobileControl.value!).toBeGreaterThan(3);
    const usRatio = pick(errors, "us", "treatment").value! / pick(errors, "us", "control").value!;
    expect(usRatio).toBeGreaterThan(0.5);
    expect(usRatio).toBeLessThan(1.8);

    const latency = await summary(REGRESSION.release, "latency");
    expect(
      pick(latency, "mobile", "treatment", "p95").value! - pick(latency, "mobile", "control", "p95").value!,
    ).toBeGreaterThan(150);
    expect(
      Math.abs(pick(latency, "us", "treatment", "p95").value! - pick(latency, "us", "control", "p95").value!),
    ).toBeLessThan(60);

    // Another release rolling out to mobile: its treatment and control see the same shop.
    const other = await summary("onboarding-tour", "error-rate");
    expect(pick(other, "mobile", "treatment").value! / pick(other, "mobile", "control").value!).toBeLessThan(2);
    expect((await summary("new-checkout", "checkouts")).some((r) => (r.value ?? 0) > 0)).toBe(true);

    // The evaluations themselves were counted as exposures.
    const exposures = await readExposureSeries(
      getDb(),
      { environmentId, releaseKey: REGRESSION.release, cohortKeys: ["mobile"] },
      { from: to - 60_000, to: Date.now() + 60_000, stepSeconds: 3_600 },
    );
    expect(exposures.flatMap((s) => s.points).reduce((n, p) => n + p.evaluations, 0)).toBeGreaterThan(50);
    // Nothing for releases that are not being rolled out.
    expect((await summary("dark-mode", "error-rate")).every((r) => r.samples === 0 || r.samples === null)).toBe(true);
  });

  it("the demo plan on new-checkout catches the mobile regression at its first look and rolls back; the other cohorts are not in breach", async () => {
    // The back-fill and live traffic of the test above are the data: as under `npm start`.
    expect(await ensureDemoPlan()).toBe(true);
    expect(await ensureDemoPlan()).toBe(false);
    const report = await runControllerTick({
      db: getDb(),
      inTransaction,
      holder: "demo-test",
      now: new Date(),
      leaseMs: 60_000,
      readData: readGuardrailData,
    });
    expect(report.plans).toEqual([expect.objectContaining({ action: "rollback" })]);
    const plan = await getDb().rolloutPlan.findFirstOrThrow({ where: { templateName: "Demo: new checkout" } });
    expect(plan.status).toBe("rolled_back");
    expect(plan.heldReason).toMatch(
      /^Regression: (error rate|latency) .* in Mobile app users, tolerance .* — rolled back at/i,
    );
    const verdicts = JSON.parse(plan.verdicts) as { cohorts: { cohortKey: string; metrics: { state: string }[] }[] };
    const states = (cohort: string) =>
      verdicts.cohorts.find((c) => c.cohortKey === cohort)?.metrics.map((m) => m.state);
    expect(states("mobile")).toContain("breach");
    for (const cohort of ["us", "eu"]) expect(states(cohort)?.every((state) => state !== "breach")).toBe(true);
    const rollout = await getDb().releaseRollout.findFirstOrThrow({ where: { id: plan.rolloutId } });
    expect(rollout.status).toBe("rolled_back");
    const audit = await getDb().auditEvent.findFirstOrThrow({
      where: { action: "plan.rolled_back", releaseId: rollout.releaseId },
    });
    expect(audit.actorName).toBe("Glidepath automation");
  });

  it("waits for a server that is not up yet, and stops at once on a refused key", async () => {
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const late = createOfrepServer(store, null);
    const retries: string[] = [];
    setTimeout(() => late.listen(port, "127.0.0.1"), 1_200);
    try {
      const flags = await withRetry(
        () => new GlidepathClient(`http://127.0.0.1:${port}`, SDK_KEY).evaluateAll(evaluationContext(users[0]!)),
        {
          signal: new AbortController().signal,
          onRetry: (error) => retries.push(error.message),
        },
      );
      expect(flags!.length).toBeGreaterThan(0);
      expect(retries[0]).toMatch(/not reachable \(ECONNREFUSED\)/);
    } finally {
      await new Promise((resolve) => late.close(resolve));
    }
    const wrongKey = new GlidepathClient(baseUrl, "gp_sdk_wrong");
    await expect(
      withRetry(() => wrongKey.evaluateAll({ targetingKey: "u" }), {
        signal: new AbortController().signal,
        onRetry: () => {},
      }),
    ).rejects.toBeInstanceOf(FatalError);
  });
});
