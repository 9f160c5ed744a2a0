import { beforeEach, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { murmur3 } from "@/lib/domain/murmur3";
import { databaseUrl, providerOf } from "@/lib/db/database-url";
import { NotFoundError, UnauthenticatedError, ValidationError } from "@/lib/errors/domain-errors";
import { seriesRegistryFor } from "@/lib/metrics/backend-for";
import { AggregateCell } from "@/lib/metrics/builtin/aggregate-cell";
import { writeCells, type MinuteCell } from "@/lib/metrics/builtin/aggregate-writer";
import { createMetricDefinition } from "@/lib/metrics/definitions/create-metric-definition";
import { setPrometheusSettings } from "@/lib/metrics/definitions/set-prometheus-settings";
import type { Variant } from "@/lib/metrics/metric-types";
import { readReleaseChartData } from "@/lib/metrics/read-release-chart-data";
import { buildReleaseChartData } from "@/lib/metrics/release-chart-data";
import { changeReleaseStatus } from "@/lib/releases/change-release-status";
import { setRollout } from "@/lib/releases/set-rollout";
import { createTeamFixture, type TeamFixture } from "../support/fixtures";
import { scenario } from "../support/scenario";
import { rejectionOf } from "../support/team-state";
import { describeEachProvider } from "../support/test-database";
import { untilClockMoves } from "../support/clock";
import type { Actor } from "@/lib/auth/actor";
import { getTeamContext } from "@/lib/auth/get-team-context";

describeEachProvider("release chart data", () => {
  let fx: TeamFixture;
  const base = () => ({ teamSlug: fx.team.slug, releaseKey: "checkout", environmentKey: "production" });
  const teamRow = () =>
    getDb().team.findUniqueOrThrow({
      where: { id: fx.team.id },
      select: { id: true, prometheusUrl: true, prometheusToken: true },
    });
  const production = () => ({ id: fx.environments.production.id, key: "production" });

  async function chartData(
    range: { from: number; to: number },
    choice: { metricKeys?: string[] | null; cohortKeys?: string[] | null } = {},
  ) {
    return buildReleaseChartData(getDb(), {
      team: await teamRow(),
      releaseKey: "checkout",
      environment: production(),
      range,
      metricKeys: choice.metricKeys ?? null,
      cohortKeys: choice.cohortKeys ?? null,
    });
  }

  /** A boundary strictly between two audit events (timestamps are stored to the millisecond). */
  async function instant(): Promise<number> {
    const at = await untilClockMoves();
    await untilClockMoves();
    return at;
  }

  beforeEach(async () => {
    fx = await createTeamFixture();
    const s = scenario(fx);
    await s.release("checkout", "New checkout");
    await s.keysCohort("beta", ["alice", "bob"]);
    await s.rulesCohort("eu", {
      kind: "rules",
      conditions: [{ attribute: "country", operator: "in", values: ["DE", "FR"] }],
    });
  });

  it("rebuilds the rollout over the range from the audit trail: ramp, promote, roll back, with who did each", async () => {
    const start = await instant();
    await setRollout(fx.actors.editor, {
      ...base(),
      expectedVersion: 1,
      defaultBasisPoints: 0,
      cohorts: { beta: 1000 },
    });
    await changeReleaseStatus(fx.actors.editor, { ...base(), command: "start", expectedVersion: 2 });
    await setRollout(fx.actors.editor2, {
      ...base(),
      expectedVersion: 3,
      defaultBasisPoints: 500,
      cohorts: { beta: 5000, eu: 2500 },
    });
    await changeReleaseStatus(fx.actors.editor2, { ...base(), command: "pause", expectedVersion: 4 });
    await changeReleaseStatus(fx.actors.editor, { ...base(), command: "promote", expectedVersion: 5 });
    await changeReleaseStatus(fx.actors.admin, { ...base(), command: "rollback" });

    const { rollout, cohorts } = await chartData({ from: start, to: Date.now() + 1000 });

    expect(cohorts).toEqual([
      { key: "beta", name: "Cohort beta" },
      { key: "eu", name: "Cohort eu" },
      { key: "default", name: "Everyone else" },
    ]);
    expect(rollout.initial).toEqual({ beta: 0, eu: 0, default: 0 });
    expect(rollout.changes.map((c) => [c.actorName, c.action, c.percentByCohort])).toEqual([
      // Saved while a draft: nobody gets it yet.
      ["Eddie Editor", "rollout.percentages_set", { beta: 0, eu: 0, default: 0 }],
      ["Eddie Editor", "rollout.started", { beta: 10, eu: 0, default: 0 }],
      ["Erin Editor", "rollout.percentages_set", { beta: 50, eu: 25, default: 5 }],
      ["Erin Editor", "rollout.paused", { beta: 50, eu: 25, default: 5 }],
      ["Eddie Editor", "rollout.promoted", { beta: 100, eu: 100, default: 100 }],
      ["Ada Admin", "rollout.rolled_back", { beta: 0, eu: 0, default: 0 }],
    ]);
    const times = rollout.changes.map((c) => c.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(rollout.changes[2]?.summary).toContain("beta 10% → 50%");
  });

  it("a range that starts mid-rollout begins at the percentages of that moment and lists only later changes", async () => {
    await setRollout(fx.actors.editor, {
      ...base(),
      expectedVersion: 1,
      defaultBasisPoints: 100,
      cohorts: { eu: 2000 },
    });
    await changeReleaseStatus(fx.actors.editor, { ...base(), command: "start", expectedVersion: 2 });
    const from = await instant();
    await setRollout(fx.actors.editor2, {
      ...base(),
      expectedVersion: 3,
      defaultBasisPoints: 100,
      cohorts: { eu: 4000 },
    });
    const to = await instant();
    await changeReleaseStatus(fx.actors.editor, { ...base(), command: "promote", expectedVersion: 4 });

    const { rollout } = await chartData({ from, to });

    expect(rollout.initial).toEqual({ beta: 1, eu: 20, default: 1 });
    expect(rollout.changes.map((c) => [c.actorName, c.percentByCohort])).toEqual([
      ["Erin Editor", { beta: 1, eu: 40, default: 1 }],
    ]);
  });

  it("reads the other environment's changes never, and a chosen subset of cohorts only", async () => {
    const from = await instant();
    await setRollout(fx.actors.editor, {
      ...base(),
      environmentKey: "staging",
      expectedVersion: 1,
      defaultBasisPoints: 9000,
      cohorts: {},
    });
    await changeReleaseStatus(fx.actors.editor, {
      ...base(),
      environmentKey: "staging",
      command: "promote",
      expectedVersion: 2,
    });

    const data = await chartData({ from, to: Date.now() + 1000 }, { cohortKeys: ["default"] });

    expect(data.cohorts).toEqual([{ key: "default", name: "Everyone else" }]);
    expect(data.rollout).toEqual({ initial: { default: 0 }, changes: [] });
  });

  it("draws stored observations per cohort and variant; a failing backend errors its own metric only", async () => {
    const { editor, admin } = fx.actors;
    const teamSlug = fx.team.slug;
    await createMetricDefinition(editor, {
      teamSlug,
      key: "errors",
      name: "Errors",
      kind: "error_rate",
      badDirection: "up",
      source: "builtin",
    });
    await createMetricDefinition(editor, {
      teamSlug,
      key: "latency",
      name: "Latency",
      unit: "ms",
      kind: "latency",
      badDirection: "up",
      source: "builtin",
    });
    await createMetricDefinition(editor, {
      teamSlug,
      key: "prom-errors",
      name: "Prometheus errors",
      kind: "error_rate",
      badDirection: "up",
      source: "prometheus",
      query: 'sum(rate(http_errors_total{release="$release",cohort="$cohort",variant="$variant"}[$window]))',
    });
    // Nothing listens on the discard port: the backend can't be reached.
    await setPrometheusSettings(admin, { teamSlug, url: "http://127.0.0.1:9" });

    const minute = Math.floor(Date.now() / 60_000) - 2;
    const cell = (shape: "plain" | "latency" | "exposure", fill: (c: AggregateCell) => void) => {
      const c = new AggregateCell(shape);
      fill(c);
      return c;
    };
    const series = (metricKey: string, cohortKey: string, variant: Variant) => ({
      environmentId: fx.environments.production.id,
      metricKey,
      releaseKey: "checkout",
      cohortKey,
      variant,
    });
    const cells: MinuteCell[] = [
      { series: series("errors", "beta", "treatment"), minute, cell: cell("plain", (c) => c.addIncrement(200, 10)) },
      { series: series("errors", "beta", "control"), minute, cell: cell("plain", (c) => c.addIncrement(800, 8)) },
      {
        series: series("latency", "eu", "treatment"),
        minute,
        cell: cell("latency", (c) => Array.from({ length: 100 }, (_, i) => c.addSample(i + 1))),
      },
      {
        series: series("$exposure", "beta", "treatment"),
        minute,
        cell: cell("exposure", (c) => ["alice", "bob", "carol", "alice"].forEach((key) => c.addExposure(murmur3(key)))),
      },
    ];
    await writeCells(getDb(), providerOf(databaseUrl()), seriesRegistryFor(getDb()), cells);

    const now = Date.now();
    const data = await chartData({ from: now - 3_600_000, to: now });

    expect(data.range).toEqual({ from: now - 3_600_000, to: now, stepSeconds: 60 });
    expect(data.metrics.map((m) => [m.definition.key, m.error === null])).toEqual([
      ["errors", true],
      ["latency", true],
      ["prom-errors", false],
    ]);
    expect(data.metrics[2]?.error).toMatch(/127\.0\.0\.1:9|Prometheus/);
    expect(data.metrics[2]?.series).toEqual([]);

    const point = (metric: string, cohortKey: string, variant: Variant, stat: string) =>
      data.metrics
        .find((m) => m.definition.key === metric)
        ?.series.find((s) => s.cohortKey === cohortKey && s.variant === variant && s.stat === stat)?.points;
    expect(point("errors", "beta", "treatment", "value")).toEqual([{ t: minute * 60_000, value: 0.05, samples: 200 }]);
    expect(point("errors", "beta", "control", "value")).toEqual([{ t: minute * 60_000, value: 0.01, samples: 800 }]);
    expect(point("errors", "eu", "treatment", "value") ?? []).toEqual([]);
    const p95 = point("latency", "eu", "treatment", "p95")?.[0];
    expect(p95?.samples).toBe(100);
    // The sketch answers within 1% relative error.
    expect(p95?.value).toBeGreaterThan(93);
    expect(p95?.value).toBeLessThan(97);

    expect(data.exposures.error).toBeNull();
    const exposure = data.exposures.series.find((s) => s.cohortKey === "beta" && s.variant === "treatment");
    expect(exposure?.points).toEqual([{ t: minute * 60_000, evaluations: 4, users: 3 }]);

    // Choosing metrics narrows the payload; the backend that is down is then not asked at all.
    const chosen = await chartData({ from: now - 3_600_000, to: now }, { metricKeys: ["latency"] });
    expect(chosen.metrics.map((m) => [m.definition.key, m.error])).toEqual([["latency", null]]);
  });

  it("refuses unknown metric and cohort keys naming the parameter", async () => {
    const now = Date.now();
    const metrics = await rejectionOf(
      chartData({ from: now - 1000, to: now }, { metricKeys: ["nope"] }),
      ValidationError,
    );
    expect(metrics.fieldErrors).toEqual({ metrics: ["Unknown key: nope"] });
    const cohorts = await rejectionOf(
      chartData({ from: now - 1000, to: now }, { cohortKeys: ["beta", "apac"] }),
      ValidationError,
    );
    expect(cohorts.fieldErrors).toEqual({ cohorts: ["Unknown key: apac"] });
  });

  it("the API's use case: members of any role read; the signed out, outsiders, unknown releases and environments don't", async () => {
    const q = (query: string) => new URLSearchParams(query);
    // As the route does: the member's access in the environment of ?env=, then the read.
    const read = async (actor: Actor | null, query = "", release = "checkout") =>
      readReleaseChartData(await getTeamContext(actor, fx.team.slug, q(query).get("env")), {
        releaseKey: release,
        query: q(query),
      });

    const data = await read(fx.actors.viewer, "env=staging&range=1h");
    expect(data.range.to - data.range.from).toBe(3_600_000);
    expect(data.range.stepSeconds).toBe(60);
    const byDefault = await read(fx.actors.viewer);
    expect(byDefault.range.to - byDefault.range.from).toBe(6 * 3_600_000);

    await rejectionOf(read(null), UnauthenticatedError);
    await rejectionOf(read(fx.actors.outsider), NotFoundError);
    await rejectionOf(read(fx.actors.viewer, "env=qa"), NotFoundError);
    await rejectionOf(read(fx.actors.viewer, "", "no-such-release"), NotFoundError);
    expect((await rejectionOf(read(fx.actors.viewer, "range=2d"), ValidationError)).fieldErrors).toHaveProperty(
      "range",
    );
    expect(
      (await rejectionOf(read(fx.actors.viewer, "from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z"), ValidationError))
        .fieldErrors,
    ).toHaveProperty("from");
    expect(
      (await rejectionOf(read(fx.actors.viewer, "from=0&to=9999999999"), ValidationError)).fieldErrors,
    ).toHaveProperty("to");
    // Not a member: not found before the query is even looked at (nothing about the team leaks).
    await rejectionOf(read(fx.actors.outsider, "range=bogus"), NotFoundError);
  });
});
