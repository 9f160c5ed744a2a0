import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { createSdkKey } from "@/lib/api-keys/create-api-key";
import { sqliteFilePath } from "@/lib/db/database-url";
import { EvaluationStore } from "@/lib/evaluation/evaluation-store";
import { createOfrepServer } from "@/lib/http/ofrep/ofrep-http-server";
import { changeReleaseStatus } from "@/lib/releases/change-release-status";
import { createRelease } from "@/lib/releases/create-release";
import { createTeamFixture } from "../support/fixtures";
import { describeEachProvider, resetAppDb, type SuiteDatabase } from "../support/test-database";

type Served = { store: EvaluationStore; server: Server; url: string };

/** The dedicated server's HTTP entry (createOfrepServer, as `npm run ofrep` runs it) over a store of its own. */
async function serve(store: EvaluationStore): Promise<Served> {
  await store.start();
  const server = createOfrepServer(store, null);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { store, server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function close({ store, server }: Served) {
  await store.stop();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

async function evaluate(served: Served, sdkKey: string) {
  const response = await fetch(`${served.url}/ofrep/v1/evaluate/flags/lock-proof`, {
    method: "POST",
    headers: { authorization: `Bearer ${sdkKey}`, "content-type": "application/json" },
    body: JSON.stringify({ context: { targetingKey: "u1" } }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { value: boolean; metadata: { snapshotStale?: boolean; status: string } },
  };
}

async function health(served: Served) {
  const response = await fetch(`${served.url}/healthz`);
  return { status: response.status, body: (await response.json()) as { ok: boolean; lastError: string | null } };
}

/** A promoted release and an SDK key, through the use cases (the main thread's Prisma client). */
async function promotedRelease(): Promise<string> {
  const fx = await createTeamFixture();
  await createRelease(fx.actors.editor, { teamSlug: fx.team.slug, key: "lock-proof", name: "Lock proof" });
  await changeReleaseStatus(fx.actors.editor, {
    teamSlug: fx.team.slug,
    releaseKey: "lock-proof",
    environmentKey: "production",
    command: "promote",
    expectedVersion: 1,
  });
  return (await createSdkKey(fx.actors.admin, { teamSlug: fx.team.slug, environmentKey: "production", name: "locks" }))
    .key;
}

/**
 * While a lock keeps the database from being read: evaluations answer from the snapshot,
 * flagged stale, and health fails; the poll that is stuck is the same one before and after the
 * requests, so they were answered while it waited (no timing involved). Then recovery.
 */
async function expectServedThroughLock(stuck: Served, sdkKey: string, release: () => Promise<void>) {
  await expect.poll(() => stuck.store.stale, { timeout: 20_000 }).toBe(true);
  const waitingSince = stuck.store.status().refreshingSince;
  expect(waitingSince).not.toBeNull();
  for (let i = 0; i < 3; i++) {
    const during = await evaluate(stuck, sdkKey);
    expect(during.status).toBe(200);
    expect(during.body).toMatchObject({ value: true, metadata: { snapshotStale: true, status: "promoted" } });
  }
  const unhealthy = await health(stuck);
  expect(unhealthy.status).toBe(503);
  expect(unhealthy.body).toMatchObject({ ok: false, lastError: expect.stringContaining("has not answered") });
  expect(stuck.store.status().refreshingSince).toBe(waitingSince);

  await release();
  await expect.poll(() => stuck.store.stale, { timeout: 20_000 }).toBe(false);
  expect((await evaluate(stuck, sdkKey)).body.metadata.snapshotStale).toBeUndefined();
  expect((await health(stuck)).status).toBe(200);
}

function sqliteSuite(database: SuiteDatabase) {
  let sdkKey: string;
  const open: Served[] = [];
  let lock: Database.Database | null = null;
  const file = () => sqliteFilePath(database.url);

  afterEach(async () => {
    if (lock?.inTransaction) lock.exec("ROLLBACK");
    lock?.close();
    lock = null;
    for (const served of open.splice(0)) await close(served);
  });

  it("migrations leave the file in WAL mode: a writer holding an exclusive transaction doesn't stop the snapshot reading", async () => {
    sdkKey = await promotedRelease();
    const served = await serve(EvaluationStore.forDatabase(database.url, { pollIntervalMs: 50, staleAfterMs: 300 }));
    open.push(served);
    lock = new Database(file());
    expect(lock.pragma("journal_mode", { simple: true })).toBe("wal");
    // The reproduction: an exclusive lock with a write pending, held for the whole test.
    lock.exec("BEGIN EXCLUSIVE");
    lock.prepare(`UPDATE "Environment" SET "name" = "name"`).run();
    const lockedAt = Date.now();

    // Polls that started after the lock complete: readers don't wait for the writer.
    await expect
      .poll(() => (served.store.status().lastRefreshAt ?? 0) > lockedAt + 200, { timeout: 20_000 })
      .toBe(true);
    expect(served.store.stale).toBe(false);
    const during = await evaluate(served, sdkKey);
    expect(during.status).toBe(200);
    expect(during.body.metadata.snapshotStale).toBeUndefined();
    expect((await health(served)).status).toBe(200);
  });

  it("a file in rollback-journal mode (no WAL): a lock that blocks reads gives stale answers and a failing health check, then recovery", async () => {
    // Switching the journal mode needs the file to itself: close the app's connection first.
    await resetAppDb();
    const switcher = new Database(file());
    expect(switcher.pragma("journal_mode = DELETE", { simple: true })).toBe("delete");
    switcher.close();
    sdkKey = await promotedRelease();
    // One store waits on the lock as long as it lasts, one gives up after its busy timeout.
    const stuck = await serve(
      EvaluationStore.forDatabase(database.url, { pollIntervalMs: 50, staleAfterMs: 300, busyTimeoutMs: 600_000 }),
    );
    const failing = await serve(EvaluationStore.forDatabase(database.url, { pollIntervalMs: 50, busyTimeoutMs: 200 }));
    open.push(stuck, failing);
    await resetAppDb();
    lock = new Database(file(), { timeout: 30_000 });
    lock.exec("BEGIN EXCLUSIVE");

    await expect.poll(() => failing.store.lastError ?? "", { timeout: 20_000 }).toContain("database is locked");
    expect((await evaluate(failing, sdkKey)).body.metadata.snapshotStale).toBe(true);
    expect((await health(failing)).status).toBe(503);
    await expectServedThroughLock(stuck, sdkKey, async () => {
      lock?.exec("ROLLBACK");
    });
    await expect.poll(() => failing.store.stale, { timeout: 20_000 }).toBe(false);
  });
}

function postgresSuite(database: SuiteDatabase) {
  let sdkKey: string;
  const open: Served[] = [];
  let lock: pg.Client | null = null;

  beforeAll(async () => {
    sdkKey = await promotedRelease();
  });
  afterAll(async () => {
    await lock?.end().catch(() => undefined);
    for (const served of open.splice(0)) await close(served);
  });

  it("LOCK TABLE … IN ACCESS EXCLUSIVE MODE held in an open transaction: stale answers, failing health, statement timeout, then recovery", async () => {
    const stuck = await serve(
      EvaluationStore.forDatabase(database.url, { pollIntervalMs: 50, staleAfterMs: 300, statementTimeoutMs: 600_000 }),
    );
    const timingOut = await serve(
      EvaluationStore.forDatabase(database.url, { pollIntervalMs: 50, statementTimeoutMs: 300 }),
    );
    open.push(stuck, timingOut);
    lock = new pg.Client({ connectionString: database.url });
    await lock.connect();
    await lock.query("BEGIN");
    await lock.query(`LOCK TABLE "Environment" IN ACCESS EXCLUSIVE MODE`);

    await expect.poll(() => timingOut.store.lastError ?? "", { timeout: 20_000 }).toContain("statement timeout");
    expect((await evaluate(timingOut, sdkKey)).body.metadata.snapshotStale).toBe(true);
    expect((await health(timingOut)).status).toBe(503);
    await expectServedThroughLock(stuck, sdkKey, async () => {
      await lock?.query("ROLLBACK");
    });
    await expect.poll(() => timingOut.store.stale, { timeout: 20_000 }).toBe(false);
  });
}

describeEachProvider("evaluation while the database is locked", (database) => {
  if (database.provider === "sqlite") sqliteSuite(database);
  else postgresSuite(database);
});
