import Database from "better-sqlite3";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { sqliteFilePath } from "@/lib/db/database-url";
import { EXPOSURE_METRIC_KEY } from "@/lib/metrics/metric-types";
import type { TeamFixture } from "../support/fixtures";
import { createMetricsTeam, startMetricsHarness, storedTotals, type MetricsHarness } from "../support/metrics-harness";
import { TcpProxy } from "../support/tcp-proxy";
import { describeEachProvider, resetAppDb, type SuiteDatabase } from "../support/test-database";

/**
 * A database outage as the flush worker sees it: PostgreSQL behind a proxy that is cut, or a
 * SQLite file another connection holds an exclusive lock on. Evaluation keeps its snapshot.
 */
class Outage {
  private proxy: TcpProxy | null = null;
  private locker: Database.Database | null = null;

  constructor(private readonly database: SuiteDatabase) {}

  /** The URL the flush worker should use. */
  async workerUrl(): Promise<string> {
    if (this.database.provider === "sqlite") {
      // In WAL mode (what migrations set) readers never wait, so a lock can't cut the worker
      // off: put the file back in rollback-journal mode, which needs it to itself.
      await resetAppDb();
      const switcher = new Database(sqliteFilePath(this.database.url));
      switcher.pragma("journal_mode = DELETE");
      switcher.close();
      return this.database.url;
    }
    const target = new URL(this.database.url);
    this.proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    await this.proxy.up();
    const url = new URL(this.database.url);
    url.port = String(this.proxy.port);
    return url.toString();
  }

  async start(): Promise<void> {
    if (this.proxy) return this.proxy.down();
    this.locker = new Database(sqliteFilePath(this.database.url), { timeout: 30_000 });
    this.locker.exec("BEGIN EXCLUSIVE");
  }

  async end(): Promise<void> {
    if (this.proxy) return this.proxy.up();
    this.locker?.close();
    this.locker = null;
  }
}

// Issue 10, point 12: ingest during a database outage answered 503 when metric definitions
// could not be loaded. Now definitions come from memory, items whose metric can't be looked up
// are deferred, and what was taken is stored once the database is back.
describeEachProvider("metrics: ingest during a database outage", (database) => {
  let fx: TeamFixture;
  let sdkKey: string;
  let quiet: { mockRestore(): void }[] = [];
  const item = (metric: string, fields: Record<string, unknown>) => ({
    metric,
    release: "checkout",
    cohort: "eu",
    variant: "treatment",
    ...fields,
  });

  beforeAll(async () => {
    ({ fx, sdkKey } = await createMetricsTeam());
    // The outage is on purpose: its warnings are expected, not news.
    quiet = [
      vi.spyOn(console, "warn").mockImplementation(() => {}),
      vi.spyOn(console, "error").mockImplementation(() => {}),
    ];
  });

  afterAll(() => {
    for (const spy of quiet) spy.mockRestore();
  });

  it("keeps answering from memory, holds what it took while the database is down, and stores it after", async () => {
    const outage = new Outage(database);
    const harness: MetricsHarness = await startMetricsHarness({
      sdkKey,
      databaseUrl: database.url,
      workerDatabaseUrl: await outage.workerUrl(),
      catalogFromWorker: true,
    });
    try {
      expect((await harness.catalog.lookup(fx.team.id)).current).toBe(true);
      const before = (await storedTotals(fx.environments.production.id, "orders")).count;
      await outage.start();

      const during = await harness.ingest([item("orders", { value: 4 }), item("orders", { count: 3 })]);
      expect(during).toMatchObject({ status: 200, body: { accepted: 2, rejected: 0 } });
      for (let i = 0; i < 5; i++) expect(await harness.evaluate(`outage-${i}`, { country: "FR" })).toBe(200);
      await harness.flusher.flush();
      expect(harness.flusher.stats()).toMatchObject({ held: expect.any(Number), lastError: expect.any(String) });
      expect(harness.flusher.stats().held).toBeGreaterThan(0);

      await outage.end();
      await harness.flusher.flush();
      expect(harness.flusher.stats()).toMatchObject({ held: 0, lastError: null, quarantined: 0 });
      expect((await storedTotals(fx.environments.production.id, "orders")).count).toBe(before + 7);
      expect((await storedTotals(fx.environments.production.id, EXPOSURE_METRIC_KEY)).count).toBeGreaterThanOrEqual(5);
    } finally {
      await outage.end();
      await harness.close();
    }
  });

  it("takes items whose metric it can't look up yet (202, deferred), and checks and stores them once it can", async () => {
    const before = (await storedTotals(fx.environments.production.id, "basket")).count;
    const outage = new Outage(database);
    const workerDatabaseUrl = await outage.workerUrl();
    const harness = await startMetricsHarness({
      sdkKey,
      databaseUrl: database.url,
      workerDatabaseUrl,
      catalogFromWorker: true,
      beforeWorker: () => outage.start(),
    });
    try {
      const during = await harness.ingest([
        item("basket", { value: 20 }),
        item("basket", { count: 2, sum: 50 }),
        item("no-such-metric", { value: 1 }),
        item("basket", { value: 1, release: "nope" }),
      ]);
      expect(during.status).toBe(202);
      expect(during.body).toMatchObject({
        accepted: 3,
        rejected: 1,
        deferred: 3,
        errors: [{ index: 3, field: "release" }],
      });
      expect(harness.buffer.deferred.size).toBe(3);

      const definitionsRead = new Promise<void>((resolve) => harness.catalog.onUpdate(resolve));
      await outage.end();
      await definitionsRead;
      await harness.flusher.flush();
      expect(harness.buffer.deferred.size).toBe(0);
      expect(harness.buffer.deferred.refusedLater).toBe(1);
      expect(await storedTotals(fx.environments.production.id, "basket")).toMatchObject({ count: before + 3 });
    } finally {
      await outage.end();
      await harness.close();
    }
  });
});
