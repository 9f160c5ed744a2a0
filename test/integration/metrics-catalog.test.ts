import { afterAll, beforeAll, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { TeamFixture } from "../support/fixtures";
import { createMetricsTeam, startMetricsHarness, storedTotals, type MetricsHarness } from "../support/metrics-harness";
import { describeEachProvider } from "../support/test-database";

// Ingest checks items against definitions the flush worker reads in the background, so a
// request never queries the database. A metric created a moment ago must still be taken, and a
// name nobody defined still refused on the spot.
describeEachProvider("metrics: definitions for ingest come from the flush worker", (database) => {
  let fx: TeamFixture;
  let harness: MetricsHarness;

  beforeAll(async () => {
    const team = await createMetricsTeam();
    fx = team.fx;
    harness = await startMetricsHarness({
      sdkKey: team.sdkKey,
      databaseUrl: database.url,
      catalogFromWorker: true,
      definitionsIntervalMs: 3_600_000,
    });
  });

  afterAll(async () => {
    await harness.close();
  });

  it("takes a metric defined a moment ago and refuses one nobody defined", async () => {
    expect((await harness.catalog.lookup(fx.team.id)).current).toBe(true);
    // No read on the timer in this test: only the one the request asks for can find it.
    await getDb().metricDefinition.create({
      data: { teamId: fx.team.id, key: "signups", name: "Signups", kind: "count", badDirection: "down", position: 9 },
    });
    const answer = await harness.ingest([
      { metric: "signups", release: "checkout", cohort: "eu", variant: "treatment", value: 2 },
      { metric: "sign-ups", release: "checkout", cohort: "eu", variant: "treatment", value: 2 },
    ]);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      accepted: 1,
      rejected: 1,
      errors: [{ index: 1, field: "metric", message: 'no metric "sign-ups" in this team' }],
    });
    expect(answer.body!.deferred).toBeUndefined();
    await harness.flusher.flush();
    expect(await storedTotals(fx.environments.production.id, "signups")).toMatchObject({ count: 2, sum: 2 });
  });
});
