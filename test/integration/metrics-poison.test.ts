import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { plannedObservation } from "@/lib/metrics/builtin/metric-buffer";
import { EXPOSURE_METRIC_KEY } from "@/lib/metrics/metric-types";
import type { TeamFixture } from "../support/fixtures";
import { createMetricsTeam, startMetricsHarness, storedTotals, type MetricsHarness } from "../support/metrics-harness";
import { describeEachProvider } from "../support/test-database";

// Issue 10, point 2: one observation stopped all metric and exposure storage (its sum
// overflowed to Infinity, was written as NULL, and the whole flush was retried forever).
describeEachProvider("metrics: no observation poisons the store", (database) => {
  let fx: TeamFixture;
  let harness: MetricsHarness;
  const item = (metric: string, fields: Record<string, unknown>) => ({
    metric,
    release: "checkout",
    cohort: "eu",
    variant: "control",
    ...fields,
  });
  const environmentId = () => fx.environments.production.id;

  beforeAll(async () => {
    const team = await createMetricsTeam();
    fx = team.fx;
    harness = await startMetricsHarness({ sdkKey: team.sdkKey, databaseUrl: database.url });
  });

  afterAll(async () => {
    await harness.close();
  });

  /** Good data sent after the bad: a few observations and ten evaluations, then a flush. */
  async function sendGoodTraffic(latencyAt = Date.now()) {
    const good = await harness.ingest([
      item("orders", { value: 3 }),
      item("latency", { value: 120, timestamp: latencyAt }),
      item("latency", { value: 80, timestamp: latencyAt }),
    ]);
    expect(good.status).toBe(200);
    for (let i = 0; i < 10; i++) expect(await harness.evaluate(`user-${i}`, { country: "DE" })).toBe(200);
    await harness.flusher.flush();
  }

  it("refuses the issue's two overflowing observations as item errors naming the field, and keeps storing", async () => {
    const latency = await harness.ingest([item("latency", { value: 1e300, count: 1_000_000_000 })]);
    expect(latency.status).toBe(400);
    expect(latency.body!.errors).toEqual([
      { index: 0, field: "value", message: expect.stringMatching(/between 0.000001 and 1e9/) },
    ]);
    const counts = await harness.ingest([item("orders", { value: 1.7e308 }), item("orders", { value: 1.7e308 })]);
    expect(counts.status).toBe(400);
    expect(counts.body!.errors.map((e) => e.field)).toEqual(["value", "value"]);

    await sendGoodTraffic();
    expect(await storedTotals(environmentId(), "orders")).toMatchObject({ count: 3, sum: 3 });
    expect(await storedTotals(environmentId(), "latency")).toMatchObject({ count: 2, sum: 200 });
    expect((await storedTotals(environmentId(), EXPOSURE_METRIC_KEY)).count).toBe(10);
    expect(harness.flusher.stats()).toMatchObject({ quarantined: 0, held: 0, lastError: null });
  });

  it("keeps a cell finite across flushes and merges whatever reaches it", async () => {
    const before = await storedTotals(environmentId(), "basket", 60);
    // Past the ingest checks, as a bug or a future kind might: straight into the buffer, then
    // merged with the stored row at the next two flushes.
    const minute = Math.floor(Date.now() / 60_000);
    const series = {
      environmentId: environmentId(),
      metricKey: "basket",
      releaseKey: "checkout",
      cohortKey: "eu",
      variant: "control" as const,
    };
    for (let flush = 0; flush < 3; flush++) {
      harness.buffer.apply([plannedObservation(series, "plain", minute, false, 1, 1.7e308)]);
      await harness.flusher.flush();
    }
    const after = await storedTotals(environmentId(), "basket", 60);
    expect(after.count - before.count).toBe(3);
    expect(Number.isFinite(after.sum)).toBe(true);
    expect(after.sum).toBe(1e300);
    const exposuresBefore = (await storedTotals(environmentId(), EXPOSURE_METRIC_KEY)).count;
    await sendGoodTraffic();
    expect((await storedTotals(environmentId(), EXPOSURE_METRIC_KEY)).count).toBe(exposuresBefore + 10);
    expect(harness.flusher.stats().quarantined).toBe(0);
  });

  it("quarantines a cell the store refuses, with a log line and a counter, and stores every other one", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const at = Date.now() - 10 * 60_000;
      await sendGoodTraffic(at);
      // A minute row whose sketch can't be read: any later cell for that minute fails to merge.
      const corrupted = await getDb().metricAggregate.updateMany({
        where: {
          resolution: 60,
          bucket: Math.floor(at / 60_000),
          series: { environmentId: environmentId(), metricKey: "latency", cohortKey: "eu", variant: "control" },
        },
        data: { sketch: Buffer.from([0xff, 0xff]) },
      });
      expect(corrupted.count).toBeGreaterThan(0);
      const orders = (await storedTotals(environmentId(), "orders")).count;
      const exposures = (await storedTotals(environmentId(), EXPOSURE_METRIC_KEY)).count;

      await sendGoodTraffic(at);
      expect(harness.flusher.stats()).toMatchObject({ quarantined: 1, held: 0, lastError: null });
      expect(harness.flusher.stats().recentQuarantine[0]).toMatchObject({
        series: expect.stringContaining("/latency/checkout/eu/control"),
        count: 2,
        sum: 200,
      });
      expect(logged).toHaveBeenCalledWith(
        expect.stringMatching(
          /\[metrics\] quarantined a cell .*latency.*: .*1 quarantined since start, every other cell stored/,
        ),
      );
      expect((await storedTotals(environmentId(), "orders")).count).toBe(orders + 3);
      expect((await storedTotals(environmentId(), EXPOSURE_METRIC_KEY)).count).toBe(exposures + 10);

      // Later flushes go on as before: the next good batch is stored too.
      await harness.ingest([item("orders", { value: 2 })]);
      await harness.flusher.flush();
      expect((await storedTotals(environmentId(), "orders")).count).toBe(orders + 5);
    } finally {
      logged.mockRestore();
    }
  });
});
