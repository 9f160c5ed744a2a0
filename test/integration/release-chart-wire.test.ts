import { beforeAll, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { metricsBackendFor, seriesRegistryFor } from "@/lib/metrics/backend-for";
import { createBuiltinBackend } from "@/lib/metrics/builtin/builtin-backend";
import { chartCohorts, metricPanels } from "@/lib/metrics/chart-payload";
import { decodeChartData, encodeChartColumns } from "@/lib/metrics/chart-wire";
import { chartStep } from "@/lib/metrics/choose-step";
import { createMetricDefinition } from "@/lib/metrics/definitions/create-metric-definition";
import { setPrometheusSettings } from "@/lib/metrics/definitions/set-prometheus-settings";
import { loadMetricDefinitions } from "@/lib/metrics/load-metric-definitions";
import {
  buildReleaseChartColumns,
  buildReleaseChartData,
  type ReleaseChartRequest,
} from "@/lib/metrics/release-chart-data";
import type { ReleaseChartData } from "@/lib/metrics/release-chart-types";
import { createTeamFixture, type TeamFixture } from "../support/fixtures";
import { legacyBuiltinSeries, legacyExposureSeries } from "../support/legacy-chart-payload";
import { legacyEncodeChartData } from "../support/legacy-chart-wire";
import { scenario } from "../support/scenario";
import { storeMetrics } from "../support/stored-metrics";
import { describeEachProvider } from "../support/test-database";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describeEachProvider("release chart wire: columns straight from the blocks", () => {
  let fx: TeamFixture;
  let team: ReleaseChartRequest["team"];
  let now: number;
  let stored: number;

  beforeAll(async () => {
    fx = await createTeamFixture();
    const { editor, admin } = fx.actors;
    const teamSlug = fx.team.slug;
    const s = scenario(fx);
    await s.release("checkout", "New checkout");
    await s.keysCohort("beta", ["alice", "bob"]);
    await s.rulesCohort("eu", {
      kind: "rules",
      conditions: [{ attribute: "country", operator: "in", values: ["DE", "FR"] }],
    });
    await s.keysCohort("quiet", ["nobody"]);
    for (const [key, kind] of [
      ["errors", "error_rate"],
      ["latency", "latency"],
      ["orders", "count"],
      ["basket", "mean"],
    ] as const) {
      await createMetricDefinition(editor, {
        teamSlug,
        key,
        name: key,
        unit: "u",
        kind,
        badDirection: "up",
        source: "builtin",
      });
    }
    // A metric whose backend is down: its panel is an error in both paths.
    await createMetricDefinition(editor, {
      teamSlug,
      key: "prom",
      name: "Prometheus errors",
      kind: "error_rate",
      badDirection: "up",
      source: "prometheus",
      query: 'sum(rate(http_errors_total{release="$release",cohort="$cohort",variant="$variant"}[$window]))',
    });
    await setPrometheusSettings(admin, { teamSlug, url: "http://127.0.0.1:9" });
    team = await getDb().team.findUniqueOrThrow({
      where: { id: fx.team.id },
      select: { id: true, prometheusUrl: true, prometheusToken: true },
    });
    now = Date.now();
    stored = await storeMetrics({
      environmentId: fx.environments.production.id,
      releaseKey: "checkout",
      families: [
        { metricKey: "errors", kind: "error_rate" },
        { metricKey: "latency", kind: "latency" },
        { metricKey: "orders", kind: "count" },
        { metricKey: "basket", kind: "mean" },
        { metricKey: "$exposure", kind: "exposure" },
      ],
      cohortKeys: ["beta", "eu", "default"],
      skip: [{ metricKey: "orders", cohortKey: "eu", variant: "control" }],
      now,
    });
  });

  function request(
    range: { from: number; to: number },
    choice: { metricKeys?: string[]; cohortKeys?: string[] } = {},
  ): ReleaseChartRequest {
    return {
      team,
      releaseKey: "checkout",
      environment: { id: fx.environments.production.id, key: "production" },
      range,
      metricKeys: choice.metricKeys ?? null,
      cohortKeys: choice.cohortKeys ?? null,
    };
  }

  /** The payload as the chart path built it before: point objects from slots, mapped into arrays. */
  async function legacyPayload(req: ReleaseChartRequest, current: ReleaseChartData): Promise<ReleaseChartData> {
    const db = getDb();
    const all = await loadMetricDefinitions(db, fx.team.id);
    const definitions = req.metricKeys ? all.filter((d) => req.metricKeys!.includes(d.key)) : all;
    const cohorts = chartCohorts(
      await db.cohort.findMany({
        where: { teamId: fx.team.id, archivedAt: null },
        orderBy: { priority: "asc" },
        select: { key: true, name: true },
      }),
      req.cohortKeys,
    );
    const cohortKeys = cohorts.map((c) => c.key);
    const range = { ...req.range, stepSeconds: chartStep(req.range.to - req.range.from) };
    const selector = {
      environmentId: req.environment.id,
      environmentKey: req.environment.key,
      releaseKey: "checkout",
      cohortKeys,
    };
    const results = await Promise.allSettled(
      definitions.map((metric) =>
        metric.source === "builtin"
          ? legacyBuiltinSeries(db, { ...selector, metric }, range)
          : metricsBackendFor(metric, team, db).series({ ...selector, metric }, range),
      ),
    );
    const exposures = await legacyExposureSeries(db, selector, range);
    // The rollout timeline is read the same way in both paths: taken from the current payload.
    return {
      range,
      cohorts,
      metrics: metricPanels(definitions, results),
      exposures: { series: exposures, error: null },
      rollout: current.rollout,
    };
  }

  const RANGES: [string, () => { from: number; to: number }][] = [
    ["1 h (1-minute blocks)", () => ({ from: now - HOUR, to: now })],
    ["6 h (1-minute blocks)", () => ({ from: now - 6 * HOUR, to: now })],
    ["24 h (5-minute blocks)", () => ({ from: now - DAY, to: now })],
    ["7 d (hourly blocks)", () => ({ from: now - 7 * DAY, to: now })],
    ["3 d (15-minute steps merged from 5-minute rows)", () => ({ from: now - 3 * DAY, to: now })],
    ["30 d (3-hour steps merged from hourly rows, sketches included)", () => ({ from: now - 30 * DAY, to: now })],
    [
      "a window that starts and ends inside blocks",
      () => ({ from: now - 20 * HOUR - 7 * 60_000 - 1234, to: now - 2 * HOUR - 31_000 }),
    ],
  ];

  for (const [label, rangeOf] of RANGES) {
    it(`${label}: the same JSON as the point path, and the same points for embeds`, async () => {
      const req = request(rangeOf());
      const columns = await buildReleaseChartColumns(getDb(), req);
      const wire = JSON.stringify(encodeChartColumns(columns));
      const pointData = await buildReleaseChartData(getDb(), req);
      const legacy = await legacyPayload(req, pointData);

      expect(wire).toBe(JSON.stringify(legacyEncodeChartData(legacy)));
      expect(pointData).toEqual(legacy);
      // What the release page decodes is what embeds draw, to the wire's six digits.
      expect(decodeChartData(JSON.parse(wire)).metrics.map((m) => m.series.map((s) => s.points.length))).toEqual(
        legacy.metrics.map((m) => m.series.map((s) => s.points.length)),
      );
      // Not vacuous: every builtin panel and the exposures carry points.
      const points = columns.metrics
        .filter((m) => m.definition.source === "builtin")
        .map((m) => m.series.reduce((sum, s) => sum + s.t.length, 0));
      expect(points.every((n) => n > 50)).toBe(true);
      expect(columns.exposures.series.reduce((sum, s) => sum + s.t.length, 0)).toBeGreaterThan(50);
      expect(columns.metrics.find((m) => m.definition.key === "prom")?.error).toMatch(/Prometheus|127\.0\.0\.1/);
    });
  }

  it("a chosen subset of metrics and cohorts: the same JSON as the point path", async () => {
    expect(stored).toBeGreaterThan(20_000);
    const req = request(
      { from: now - DAY, to: now },
      { metricKeys: ["latency", "orders"], cohortKeys: ["eu", "quiet", "default"] },
    );
    const columns = await buildReleaseChartColumns(getDb(), req);
    const legacy = await legacyPayload(req, await buildReleaseChartData(getDb(), req));
    expect(JSON.stringify(encodeChartColumns(columns))).toBe(JSON.stringify(legacyEncodeChartData(legacy)));
    // The cohort with no series and the one series never written answer empty arrays, in place.
    const orders = columns.metrics.find((m) => m.definition.key === "orders")!.series;
    expect(orders.map((s) => [s.cohortKey, s.variant, s.t.length > 0])).toEqual([
      ["eu", "treatment", true],
      ["eu", "control", false],
      ["quiet", "treatment", false],
      ["quiet", "control", false],
      ["default", "treatment", true],
      ["default", "control", true],
    ]);
  });

  it("series() — the point read team-page health uses — answers the points the old read did", async () => {
    const db = getDb();
    const backend = createBuiltinBackend(db, seriesRegistryFor(db));
    const metrics = (await loadMetricDefinitions(db, fx.team.id)).filter((m) => m.source === "builtin");
    const ranges = [
      // What the team page asks: the last 24 h in hourly steps (hourly blocks).
      { from: Math.floor((now - DAY) / HOUR) * HOUR + HOUR, to: now, stepSeconds: 3600 },
      { from: now - 6 * HOUR, to: now, stepSeconds: 60 },
      { from: now - 3 * DAY, to: now, stepSeconds: 900 },
    ];
    for (const range of ranges) {
      for (const metric of metrics) {
        const selector = {
          environmentId: fx.environments.production.id,
          environmentKey: "production",
          releaseKey: "checkout",
          cohortKeys: ["beta", "eu", "quiet", "default"],
          metric,
        };
        const points = await backend.series(selector, range);
        expect(points).toEqual(await legacyBuiltinSeries(db, selector, range));
        expect(points.some((s) => s.points.length > 0)).toBe(true);
      }
    }
  });
});
