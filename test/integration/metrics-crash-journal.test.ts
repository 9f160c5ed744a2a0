import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { TeamFixture } from "../support/fixtures";
import { createMetricsTeam, storedTotals } from "../support/metrics-harness";
import { OfrepServerProcess, testServerPort } from "../support/ofrep-server-process";
import { describeEachProvider } from "../support/test-database";

// Issue 10, point 12: a hard kill lost 877k of 2.4M accepted observations (everything since
// the last flush). Now every accepted batch is journaled before the answer, and the next
// process on the same database replays what the dead one never stored — exactly once.
describeEachProvider("metrics: nothing accepted is lost to a hard kill", (database) => {
  let fx: TeamFixture;
  let sdkKey: string;
  let journalDir: string;
  const port = testServerPort(database.provider === "sqlite" ? 71 : 72);

  beforeAll(async () => {
    ({ fx, sdkKey } = await createMetricsTeam());
    journalDir = fs.mkdtempSync(path.join(os.tmpdir(), "glidepath-journal-test-"));
  });

  afterAll(() => {
    fs.rmSync(journalDir, { recursive: true, force: true });
  });

  const start = async () => {
    // No flush on a timer during the test: everything accepted is only in memory and the journal.
    const server = new OfrepServerProcess(port, {
      DATABASE_URL: database.url,
      GLIDEPATH_METRICS_FLUSH_MS: "3600000",
      GLIDEPATH_METRICS_JOURNAL_DIR: journalDir,
    });
    await server.ready();
    return server;
  };

  /** 500 items: latency samples and orders across 50 minutes of the last hours. */
  const batch = (round: number) => ({
    observations: Array.from({ length: 500 }, (_, i) => {
      const timestamp = Date.now() - (10 + ((round * 7 + i) % 50)) * 60_000;
      const base = {
        release: "checkout",
        cohort: i % 3 === 0 ? "default" : "eu",
        variant: i % 2 === 0 ? "treatment" : "control",
        timestamp,
      };
      return i % 2 === 0
        ? { ...base, metric: "latency", value: 50 + (i % 100) }
        : { ...base, metric: "orders", value: 1 };
    }),
  });

  it("replays the journal of a killed server at the next start, then leaves nothing to replay", async () => {
    const first = await start();
    let accepted = 0;
    for (let round = 0; round < 12; round++) {
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/metrics`, {
        method: "POST",
        headers: { authorization: `Bearer ${sdkKey}`, "content-type": "application/json" },
        body: JSON.stringify(batch(round)),
      });
      expect(response.status).toBe(200);
      accepted += ((await response.json()) as { accepted: number }).accepted;
    }
    expect(accepted).toBe(6_000);
    expect(await first.stop("SIGKILL")).toBeNull();
    // Nothing was flushed: the journal is all there is.
    expect((await storedTotals(fx.environments.production.id, "orders")).count).toBe(0);

    const second = await start();
    await second.waitForLine(/\[metrics\] replayed 6000 observations/);
    expect(await second.stop("SIGTERM")).toBe(0);
    expect(await storedTotals(fx.environments.production.id, "orders")).toMatchObject({ count: 3_000, sum: 3_000 });
    const latency = await storedTotals(fx.environments.production.id, "latency");
    expect(latency.count).toBe(3_000);
    // 12 batches × 5 rounds of the even values 50 … 148.
    expect(latency.sum).toBe(12 * 5 * 4_950);
    // A clean stop stores everything and removes its journal: a third start has nothing to replay.
    expect(fs.readdirSync(journalDir).filter((name) => name.endsWith(".seg"))).toEqual([]);
  });
});
