import fs from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";
import { expect, test } from "../support/fixtures";
import { databaseUrlFile, E2E_SDK_KEY } from "@/scripts/e2e/e2e-constants";

// The production build's OFREP routes read their snapshot through a worker thread bundled by
// Next.js (lib/evaluation/snapshot-worker.ts): if the worker could not start, nothing here
// would load. A lock on the database never holds an evaluation.
type Health = { ok: boolean; snapshotStale: boolean; lastRefreshAt: string | null };

test("GET /api/health and OFREP on the dashboard stay up while the database is locked; stale while it can't be read", async ({
  request,
}, testInfo) => {
  const health = async () => {
    const response = await request.get("/api/health");
    return { status: response.status(), body: (await response.json()) as Health };
  };
  const evaluate = async () => {
    const response = await request.post("/ofrep/v1/evaluate/flags/new-checkout", {
      headers: { authorization: `Bearer ${E2E_SDK_KEY}` },
      data: { context: { targetingKey: "user-42", country: "DE" } },
    });
    expect(response.status()).toBe(200);
    return (await response.json()) as { key: string; metadata: { snapshotStale?: boolean } };
  };

  await expect.poll(async () => (await health()).status).toBe(200);
  expect((await evaluate()).metadata.snapshotStale).toBeUndefined();

  const url = fs.readFileSync(databaseUrlFile(testInfo.project.name), "utf8").trim();
  if (url.startsWith("file:")) {
    // WAL mode: a writer's exclusive transaction doesn't keep the snapshot from reading.
    const lock = new Database(url.replace(/^file:/, ""));
    try {
      expect(lock.pragma("journal_mode", { simple: true })).toBe("wal");
      lock.exec("BEGIN EXCLUSIVE");
      lock.prepare(`UPDATE "Environment" SET "name" = "name"`).run();
      const lockedAt = Date.now();
      await expect.poll(async () => Date.parse((await health()).body.lastRefreshAt ?? "") > lockedAt).toBe(true);
      expect((await health()).status).toBe(200);
      expect((await evaluate()).metadata.snapshotStale).toBeUndefined();
    } finally {
      if (lock.inTransaction) lock.exec("ROLLBACK");
      lock.close();
    }
    return;
  }

  const lock = new pg.Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query("BEGIN");
    await lock.query(`LOCK TABLE "Environment" IN ACCESS EXCLUSIVE MODE`);
    await expect.poll(async () => (await health()).status, { timeout: 20_000 }).toBe(503);
    expect((await health()).body).toMatchObject({ ok: false, snapshotStale: true });
    expect(await evaluate()).toMatchObject({ key: "new-checkout", metadata: { snapshotStale: true } });
    await lock.query("ROLLBACK");
    await expect.poll(async () => (await health()).status, { timeout: 20_000 }).toBe(200);
    expect((await evaluate()).metadata.snapshotStale).toBeUndefined();
  } finally {
    await lock.end();
  }
});
