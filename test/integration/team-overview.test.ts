import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { setApprovalPolicy } from "@/lib/approvals/set-approval-policy";
import { getDb } from "@/lib/db/client";
import { databaseUrl, providerOf } from "@/lib/db/database-url";
import { NotFoundError, UnauthenticatedError } from "@/lib/errors/domain-errors";
import { seriesRegistryFor } from "@/lib/metrics/backend-for";
import { AggregateCell } from "@/lib/metrics/builtin/aggregate-cell";
import { writeCells, type MinuteCell } from "@/lib/metrics/builtin/aggregate-writer";
import { createMetricDefinition } from "@/lib/metrics/definitions/create-metric-definition";
import { setPrometheusSettings } from "@/lib/metrics/definitions/set-prometheus-settings";
import type { Variant } from "@/lib/metrics/metric-types";
import { changeReleaseStatus } from "@/lib/releases/change-release-status";
import { createRelease } from "@/lib/releases/create-release";
import { setRollout } from "@/lib/releases/set-rollout";
import { getTeamOverview } from "@/lib/teams/get-team-overview";
import type { Actor } from "@/lib/auth/actor";
import { getTeamContext } from "@/lib/auth/get-team-context";
import { readRolloutHealth } from "@/lib/metrics/rollout-health";
import { createTeamFixture, type TeamFixture } from "../support/fixtures";
import { scenario } from "../support/scenario";
import { rejectionOf, storedRollout } from "../support/team-state";
import { untilClockMoves } from "../support/clock";
import { describeEachProvider } from "../support/test-database";

describeEachProvider("team overview", () => {
  let fx: TeamFixture;
  const slug = () => fx.team.slug;

  /** A release of this team in `environment`, taken through the commands (as the editor). */
  async function release(
    key: string,
    commands: string[],
    environment: "staging" | "production" = "production",
    cohorts: Record<string, number> = {},
  ) {
    const created = await scenario(fx).release(key, `Release ${key}`);
    await setRollout(fx.actors.editor, {
      teamSlug: slug(),
      releaseKey: key,
      environmentKey: environment,
      expectedVersion: 1,
      defaultBasisPoints: 0,
      cohorts,
    });
    for (const command of commands) await scenario(fx).command(created.id, key, environment, command);
    // Rollouts are ordered by their last change: keep changes apart in time.
    await untilClockMoves();
    return created;
  }

  const keysOf = (overview: Awaited<ReturnType<typeof getTeamOverview>>) =>
    overview.rollouts.rollouts.map((r) => r.key);

  /** As the team page does: the member's access in the environment in view (?env=), then the overview. */
  async function overviewAs(actor: Actor | null, teamSlug: string, query: { env?: string; page?: string } = {}) {
    const context = await getTeamContext(actor, teamSlug, query.env);
    return { ...context, ...(await getTeamOverview(context, { page: query.page })) };
  }

  afterEach(() => {
    vi.restoreAllMocks();
  });

  beforeEach(async () => {
    fx = await createTeamFixture();
    await scenario(fx).keysCohort("beta", ["alice"]);
    await scenario(fx).keysCohort("mobile", ["bob"]);
  });

  it("lists only rolling and paused releases of the environment in view, most recently changed first", async () => {
    await release("drafted", []);
    await release("rolling", ["start"], "production", { beta: 2500 });
    await release("paused", ["start", "pause"]);
    await release("promoted", ["start", "promote"]);
    await release("rolled-back", ["start", "rollback"]);
    await release("staging-only", ["start"], "staging");

    const production = await overviewAs(fx.actors.viewer, slug(), { env: "production" });
    expect(keysOf(production)).toEqual(["paused", "rolling"]);
    expect(production.rollouts.total).toBe(2);
    const rolling = production.rollouts.rollouts.find((r) => r.key === "rolling")!;
    expect(rolling).toMatchObject({
      status: "rolling",
      defaultBasisPoints: 0,
      updatedByName: "Eddie Editor",
      pendingRequests: 0,
    });
    expect(rolling.cohorts).toEqual([
      { key: "beta", name: "Cohort beta", basisPoints: 2500 },
      { key: "mobile", name: "Cohort mobile", basisPoints: null },
    ]);
    expect(rolling.summary).toEqual({
      maxBasisPoints: 2500,
      headline: "Up to 25%",
      detail: "1 ramping (25%), 1 at 0% · everyone else 0%",
    });

    // A change moves a rollout to the top.
    const { version } = await storedRollout(
      (await getDb().release.findFirstOrThrow({ where: { teamId: fx.team.id, key: "rolling" } })).id,
      fx.environments.production.id,
    );
    await setRollout(fx.actors.editor2, {
      teamSlug: slug(),
      releaseKey: "rolling",
      environmentKey: "production",
      expectedVersion: version,
      defaultBasisPoints: 100,
      cohorts: { beta: 2500 },
    });
    const after = await overviewAs(fx.actors.viewer, slug(), { env: "production" });
    expect(keysOf(after)).toEqual(["rolling", "paused"]);
    expect(after.rollouts.rollouts[0]).toMatchObject({ updatedByName: "Erin Editor", defaultBasisPoints: 100 });

    expect(keysOf(await overviewAs(fx.actors.viewer, slug(), { env: "staging" }))).toEqual(["staging-only"]);
  });

  it("pages by 20, keeps ?page= within range, and never repeats or skips a rollout", async () => {
    const editor = fx.actors.editor;
    for (let i = 0; i < 23; i++) {
      const key = `bulk-${String(i).padStart(2, "0")}`;
      await createRelease(editor, { teamSlug: slug(), key, name: `Bulk ${i}` });
      await changeReleaseStatus(editor, {
        teamSlug: slug(),
        releaseKey: key,
        environmentKey: "production",
        command: "start",
        expectedVersion: 1,
      });
      await untilClockMoves();
    }
    const first = await overviewAs(fx.actors.viewer, slug(), {});
    expect(first.environment.key).toBe("production");
    expect(first.rollouts).toMatchObject({ total: 23, page: 1, pageCount: 2, pageSize: 20 });
    expect(first.rollouts.rollouts).toHaveLength(20);
    expect(first.rollouts.rollouts[0]!.key).toBe("bulk-22");

    const second = await overviewAs(fx.actors.viewer, slug(), { page: "2" });
    expect(keysOf(second)).toEqual(["bulk-02", "bulk-01", "bulk-00"]);
    expect(new Set([...keysOf(first), ...keysOf(second)]).size).toBe(23);

    expect((await overviewAs(fx.actors.viewer, slug(), { page: "9" })).rollouts.page).toBe(2);
    expect((await overviewAs(fx.actors.viewer, slug(), { page: "nonsense" })).rollouts.page).toBe(1);
    expect((await overviewAs(fx.actors.viewer, slug(), { page: "-3" })).rollouts.page).toBe(1);
  });

  it("never shows another team's releases; outsiders get 'not found', signed-out callers are refused", async () => {
    await release("ours", ["start"]);
    // The other team's admin ramps a release with the same key in their own production.
    const outsider = fx.actors.outsider;
    await createRelease(outsider, { teamSlug: fx.otherTeam.slug, key: "ours", name: "Theirs" });
    await createRelease(outsider, { teamSlug: fx.otherTeam.slug, key: "theirs", name: "Theirs too" });
    await changeReleaseStatus(outsider, {
      teamSlug: fx.otherTeam.slug,
      releaseKey: "theirs",
      environmentKey: "production",
      command: "start",
      expectedVersion: 1,
    });

    const overview = await overviewAs(fx.actors.viewer, slug(), { env: "production" });
    expect(overview.rollouts.rollouts.map((r) => [r.key, r.name])).toEqual([["ours", "Release ours"]]);
    expect(overview.activity.every((e) => !e.summary.includes("Theirs"))).toBe(true);

    await rejectionOf(overviewAs(outsider, slug()), NotFoundError);
    await rejectionOf(overviewAs(null, slug()), UnauthenticatedError);
    await rejectionOf(overviewAs(fx.actors.viewer, slug(), { env: "nowhere" }), NotFoundError);
    await rejectionOf(overviewAs(fx.actors.viewer, fx.otherTeam.slug), NotFoundError);
  });

  it("shows pending approvals of every environment, oldest first, marks their rows, and the latest activity", async () => {
    await release("checkout", ["start"], "production", { beta: 1000 });
    await release("search", ["start"], "production", { beta: 1000 });
    await setApprovalPolicy(fx.actors.admin, {
      teamSlug: slug(),
      environmentKey: "production",
      expectedVersion: 0,
      cohortThresholdBasisPoints: 5000,
      defaultAboveZero: true,
      promote: true,
      criticalReleases: false,
      expiryMinutes: 60,
    });
    const raise = async (key: string, bp: number) => {
      const { version } = await storedRollout(
        (await getDb().release.findFirstOrThrow({ where: { teamId: fx.team.id, key } })).id,
        fx.environments.production.id,
      );
      const result = await setRollout(fx.actors.editor, {
        teamSlug: slug(),
        releaseKey: key,
        environmentKey: "production",
        expectedVersion: version,
        defaultBasisPoints: 0,
        cohorts: { beta: bp },
      });
      expect(result.changed).toBe(false);
      await untilClockMoves();
    };
    await raise("checkout", 6000);
    await raise("search", 7000);
    await raise("checkout", 8000);
    await raise("search", 9000);

    const overview = await overviewAs(fx.actors.viewer, slug(), { env: "production" });
    expect(overview.pending.total).toBe(4);
    expect(overview.pending.oldest.map((r) => [r.release?.key, r.summary])).toEqual([
      ["checkout", "beta 10% → 60%"],
      ["search", "beta 10% → 70%"],
      ["checkout", "beta 10% → 80%"],
    ]);
    expect(overview.rollouts.rollouts.map((r) => [r.key, r.pendingRequests])).toEqual([
      ["search", 2],
      ["checkout", 2],
    ]);
    // In staging the rows carry no production requests, but the panel is team-wide.
    const staging = await overviewAs(fx.actors.viewer, slug(), { env: "staging" });
    expect(staging.pending.total).toBe(4);

    expect(overview.activity).toHaveLength(10);
    expect(overview.activity[0]!.action).toBe("change_request.created");
    const times = overview.activity.map((e) => e.createdAt.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it("health: the first two metrics, in the cohort where treatment is worst; a failing backend blanks its own cell only", async () => {
    await release("checkout", ["start"], "production", { beta: 5000, mobile: 5000 });
    const { editor, admin } = fx.actors;
    await createMetricDefinition(editor, {
      teamSlug: slug(),
      key: "errors",
      name: "Errors",
      kind: "error_rate",
      badDirection: "up",
      source: "builtin",
    });
    await createMetricDefinition(editor, {
      teamSlug: slug(),
      key: "prom-latency",
      name: "Prometheus latency",
      unit: "ms",
      kind: "latency",
      badDirection: "up",
      source: "prometheus",
      query:
        'histogram_quantile($quantile, sum(rate(latency_bucket{release="$release",cohort="$cohort",variant="$variant"}[$window])) by (le))',
    });
    await createMetricDefinition(editor, {
      teamSlug: slug(),
      key: "orders",
      name: "Orders",
      kind: "count",
      badDirection: "down",
      source: "builtin",
    });
    // Nothing listens on the discard port.
    await setPrometheusSettings(admin, { teamSlug: slug(), url: "http://127.0.0.1:9" });

    const nowMinute = Math.floor(Date.now() / 60_000);
    const series = (cohortKey: string, variant: Variant) => ({
      environmentId: fx.environments.production.id,
      metricKey: "errors",
      releaseKey: "checkout",
      cohortKey,
      variant,
    });
    const errors = (requests: number, failed: number) => {
      const cell = new AggregateCell("plain");
      cell.addIncrement(requests, failed);
      return cell;
    };
    const cells: MinuteCell[] = [];
    for (const hoursAgo of [1, 2, 3]) {
      const minute = nowMinute - hoursAgo * 60;
      cells.push(
        { series: series("mobile", "treatment"), minute, cell: errors(1000, 50) },
        { series: series("mobile", "control"), minute, cell: errors(1000, 10) },
        // Infinitely worse (errors against none), but on six errors: noise, not the one drawn.
        { series: series("beta", "treatment"), minute, cell: errors(20, 2) },
        { series: series("beta", "control"), minute, cell: errors(20, 0) },
      );
    }
    await writeCells(getDb(), providerOf(databaseUrl()), seriesRegistryFor(getDb()), cells);

    // Changed after checkout, with nothing wrong: still below the regression.
    await untilClockMoves();
    await release("later", ["start"], "production", { beta: 1000 });
    const overview = await overviewAs(fx.actors.viewer, slug(), { env: "production" });
    expect(keysOf(overview)).toEqual(["checkout", "later"]);
    expect(overview.rollouts.rollouts[0]).toMatchObject({
      attention: { regressing: 1, held: false, stale: false, pendingRequests: 0 },
      regressing: [{ cohortKey: "mobile", state: "regressing", words: "Errors 5× control" }],
    });
    expect(overview.health.metrics.map((m) => m.key)).toEqual(["errors", "prom-latency"]);
    // The unreachable Prometheus is logged for operators; keep that out of the test output.
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const [errorHealth, latencyHealth] = await readRolloutHealth(overview.health, "checkout");
    expect(logged).toHaveBeenCalledWith("[team page] reading prom-latency for checkout failed", expect.any(Error));

    expect(latencyHealth).toMatchObject({ state: "unavailable", stat: "p95" });
    expect(errorHealth?.state).toBe("ok");
    if (errorHealth?.state !== "ok") return;
    expect(errorHealth.cohort).toEqual({ key: "mobile", name: "Cohort mobile" });
    expect(errorHealth.basis).toBe("worst");
    expect(errorHealth.treatment).toHaveLength(24);
    expect(errorHealth.comparison.treatment).toEqual({ value: 0.05, samples: 3000, points: 3 });
    expect(errorHealth.comparison.control).toEqual({ value: 0.01, samples: 3000, points: 3 });
    expect(errorHealth.comparison.harm).toBeCloseTo(4);
    expect(errorHealth.comparison.regression).toBe(true);
    expect(errorHealth.last).toEqual({ treatment: 0.05, control: 0.01 });

    // A release nobody sent numbers for has no data, and no error.
    await release("quiet", ["start"]);
    const [quiet] = await readRolloutHealth(overview.health, "quiet");
    expect(quiet?.state).toBe("no_data");
  });
});
