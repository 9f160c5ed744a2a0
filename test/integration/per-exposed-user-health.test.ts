import { beforeEach, expect, it } from "vitest";
import { getTeamContext } from "@/lib/auth/get-team-context";
import { getDb } from "@/lib/db/client";
import { databaseUrl, providerOf } from "@/lib/db/database-url";
import { murmur3 } from "@/lib/domain/murmur3";
import { seriesRegistryFor } from "@/lib/metrics/backend-for";
import { AggregateCell } from "@/lib/metrics/builtin/aggregate-cell";
import { writeCells, type MinuteCell } from "@/lib/metrics/builtin/aggregate-writer";
import { createMetricDefinition } from "@/lib/metrics/definitions/create-metric-definition";
import { EXPOSURE_METRIC_KEY, type Variant } from "@/lib/metrics/metric-types";
import { readRolloutHealth } from "@/lib/metrics/rollout-health";
import { setRollout } from "@/lib/releases/set-rollout";
import { getTeamOverview } from "@/lib/teams/get-team-overview";
import { createTeamFixture, type TeamFixture } from "../support/fixtures";
import { scenario } from "../support/scenario";
import { describeEachProvider } from "../support/test-database";

// The team page compares a count (checkouts) per exposed user of each arm: raw, a 20%
// treatment always has a quarter of an 80% control's checkouts and would look 75% worse.
describeEachProvider("team page health of a count, per exposed user", () => {
  let fx: TeamFixture;

  beforeEach(async () => {
    fx = await createTeamFixture();
    await scenario(fx).keysCohort("mobile", ["bob"]);
    const created = await scenario(fx).release("checkout", "Checkout");
    await setRollout(fx.actors.editor, {
      teamSlug: fx.team.slug,
      releaseKey: "checkout",
      environmentKey: "production",
      expectedVersion: 1,
      defaultBasisPoints: 0,
      cohorts: { mobile: 2000 },
    });
    await scenario(fx).command(created.id, "checkout", "production", "start");
    await createMetricDefinition(fx.actors.editor, {
      teamSlug: fx.team.slug,
      key: "checkouts",
      name: "Checkouts",
      unit: "orders",
      kind: "count",
      badDirection: "down",
      source: "builtin",
    });
  });

  async function store(perUser: { treatment: number; control: number }) {
    const nowMinute = Math.floor(Date.now() / 60_000);
    const key = (metricKey: string, variant: Variant) => ({
      environmentId: fx.environments.production.id,
      metricKey,
      releaseKey: "checkout",
      cohortKey: "mobile",
      variant,
    });
    const cells: MinuteCell[] = [];
    for (let hoursAgo = 1; hoursAgo <= 8; hoursAgo++) {
      const minute = nowMinute - hoursAgo * 60;
      for (const [variant, users] of [
        ["treatment", 200],
        ["control", 800],
      ] as const) {
        const orders = new AggregateCell("plain");
        orders.addIncrement(users * perUser[variant], users * perUser[variant]);
        const exposed = new AggregateCell("exposure");
        for (let u = 0; u < users; u++) exposed.addExposure(murmur3(`${variant}-${hoursAgo}-${u}`, 0));
        cells.push(
          { series: key("checkouts", variant), minute, cell: orders },
          { series: key(EXPOSURE_METRIC_KEY, variant), minute, cell: exposed },
        );
      }
    }
    await writeCells(getDb(), providerOf(databaseUrl()), seriesRegistryFor(getDb()), cells);
    const context = await getTeamContext(fx.actors.viewer, fx.team.slug, "production");
    const overview = await getTeamOverview(context, {});
    const [health] = await readRolloutHealth(overview.health, "checkout");
    return health;
  }

  it("finds no harm when both arms convert alike, whatever the split", async () => {
    const health = await store({ treatment: 0.05, control: 0.05 });
    expect(health?.state).toBe("ok");
    if (health?.state !== "ok") return;
    expect(health.metric.unit).toBe("orders per exposed user");
    expect(health.comparison.treatment.value).toBeCloseTo(0.05, 2);
    expect(health.comparison.control.value).toBeCloseTo(0.05, 2);
    expect(Math.abs(health.comparison.harm!)).toBeLessThan(0.05);
    expect(health.comparison.regression).toBe(false);
  });

  it("flags a real drop per user in the smaller arm", async () => {
    const health = await store({ treatment: 0.025, control: 0.05 });
    expect(health?.state).toBe("ok");
    if (health?.state !== "ok") return;
    expect(health.comparison.harm).toBeGreaterThan(0.4);
    expect(health.comparison.regression).toBe(true);
  });
});
