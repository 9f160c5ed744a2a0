import { afterAll, beforeAll, expect, it } from "vitest";
import type { TeamFixture } from "../support/fixtures";
import { createMetricsTeam, startMetricsHarness, storedTotals, type MetricsHarness } from "../support/metrics-harness";
import { describeEachProvider } from "../support/test-database";

// Issue 10, point 10: one key sent 200,000 distinct minute cells in 7 s, all accepted (process
// 238 → 925 MB). Limits are small here so the test is quick; the defaults and the memory they
// bound are in docs/metrics.md (scripts/bench/metrics-cardinality.ts).
const LIMITS = { totalCells: 600, environmentCells: 400, releaseCells: 300 };

describeEachProvider("metrics: the buffer is bounded per release, per environment and in total", (database) => {
  let fx: TeamFixture;
  let harness: MetricsHarness;
  // Fixed once: the same minute must be the same cell from one request to the next.
  let anHourAgo = 0;

  beforeAll(async () => {
    anHourAgo = Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000;
    const team = await createMetricsTeam();
    fx = team.fx;
    harness = await startMetricsHarness({ sdkKey: team.sdkKey, databaseUrl: database.url, limits: LIMITS });
    // Deterministic here: no early flush between requests (the server asks for one when the
    // buffer fills; the test flushes itself).
    harness.buffer.onPressure = null;
  });

  afterAll(async () => {
    await harness.close();
  });

  /** One latency sample per minute, `count` minutes going back from an hour ago: each a new cell. */
  const spread = (release: string, from: number, count: number) =>
    Array.from({ length: count }, (_, i) => ({
      metric: "latency",
      release,
      cohort: "eu",
      variant: "control",
      value: 5,
      timestamp: anHourAgo - (from + i) * 60_000,
    }));

  it("answers 503 with Retry-After once a release holds its share of series-minutes, refusing the whole batch", async () => {
    expect((await harness.ingest(spread("checkout", 0, 300))).status).toBe(200);
    const full = await harness.ingest([...spread("checkout", 0, 10), ...spread("checkout", 300, 1)]);
    expect(full.status).toBe(503);
    expect(full.retryAfter).toBe("1");
    expect(full.body!.error).toMatch(/release "checkout" has 300 series-minutes waiting to be stored/);
    expect(harness.buffer.size).toBe(300);

    // Minutes already open are still taken, and other releases have room of their own.
    expect((await harness.ingest(spread("checkout", 0, 300))).status).toBe(200);
    expect((await harness.ingest(spread("search", 0, 100))).status).toBe(200);
    expect(harness.buffer.size).toBe(400);

    // After a flush the refused batch goes through; nothing of the refused attempt was kept.
    await harness.flusher.flush();
    expect((await harness.ingest([...spread("checkout", 0, 10), ...spread("checkout", 300, 1)])).status).toBe(200);
    await harness.flusher.flush();
    expect(await storedTotals(fx.environments.production.id, "latency", 60)).toMatchObject({
      count: 300 + 300 + 100 + 11,
      rows: 301 + 100,
    });
  });

  it("bounds the environment's open cells, and the process's including cells still being written", async () => {
    expect((await harness.ingest(spread("checkout", 1000, 250))).status).toBe(200);
    expect((await harness.ingest(spread("search", 1000, 150))).status).toBe(200);
    // Two releases under their own limit fill the environment's 400.
    const envFull = await harness.ingest(spread("checkout", 2000, 1));
    expect(envFull.status).toBe(503);
    expect(envFull.body!.error).toMatch(/this environment has 400 series-minutes/);
    // Cells handed to the worker and not written yet count against the process's total.
    await harness.flusher.flush();
    harness.buffer.outstanding = 500;
    const processFull = await harness.ingest(spread("checkout", 2000, 101));
    expect(processFull.status).toBe(503);
    expect(processFull.body!.error).toMatch(/holds 600 series-minutes/);
    harness.buffer.outstanding = 0;
    expect((await harness.ingest(spread("checkout", 2000, 101))).status).toBe(200);
  });
});
