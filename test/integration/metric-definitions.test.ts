import { beforeEach, expect, it } from "vitest";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { getDb } from "@/lib/db/client";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors/domain-errors";
import { createMetricDefinition } from "@/lib/metrics/definitions/create-metric-definition";
import { deleteMetricDefinition } from "@/lib/metrics/definitions/delete-metric-definition";
import { getPrometheusSettings } from "@/lib/metrics/definitions/get-prometheus-settings";
import { listEditableMetricDefinitions } from "@/lib/metrics/definitions/list-editable-metric-definitions";
import { moveMetricDefinition } from "@/lib/metrics/definitions/move-metric-definition";
import { setPrometheusSettings } from "@/lib/metrics/definitions/set-prometheus-settings";
import { updateMetricDefinition } from "@/lib/metrics/definitions/update-metric-definition";
import { listMetricDefinitions } from "@/lib/metrics/list-metric-definitions";
import { loadMetricDefinitions } from "@/lib/metrics/load-metric-definitions";
import { seedDemo } from "@/lib/seed/seed-demo";
import { createTeamFixture, type TeamFixture, type UserActor } from "../support/fixtures";
import { rejectionOf } from "../support/team-state";
import { describeEachProvider } from "../support/test-database";
import { accessOf } from "../support/team-access";

const ERROR_QUERY =
  'sum(rate(http_errors_total{release="$release",cohort="$cohort",variant="$variant"}[$window])) / sum(rate(http_requests_total{release="$release",cohort="$cohort",variant="$variant"}[$window]))';
const SAMPLE_QUERY =
  'sum(increase(http_requests_total{release="$release",cohort="$cohort",variant="$variant"}[$window]))';

/** Every row a metrics use case could touch, so "nothing changed" is one deep equality. */
async function metricsState(teamId: string) {
  const db = getDb();
  const [team, metrics, auditEvents] = await Promise.all([
    db.team.findUniqueOrThrow({ where: { id: teamId } }),
    db.metricDefinition.findMany({ where: { teamId }, orderBy: { key: "asc" } }),
    db.auditEvent.findMany({ where: { teamId }, orderBy: { id: "asc" } }),
  ]);
  return { team, metrics, auditEvents };
}

type ErrorClass<E> = abstract new (...args: never[]) => E;

async function refusedUnchanged<E extends Error>(
  teamId: string,
  call: () => Promise<unknown>,
  type: ErrorClass<E>,
): Promise<E> {
  const before = await metricsState(teamId);
  const error = await rejectionOf(call(), type);
  expect(await metricsState(teamId)).toEqual(before);
  return error;
}

describeEachProvider("metric definitions", () => {
  let fx: TeamFixture;
  const create = (key: string, fields: Record<string, unknown> = {}, actor: UserActor = fx.actors.editor) =>
    createMetricDefinition(actor, {
      teamSlug: fx.team.slug,
      key,
      name: `Metric ${key}`,
      kind: "error_rate",
      badDirection: "up",
      source: "builtin",
      ...fields,
    });
  const keysInOrder = async () => (await listEditableMetricDefinitions(await accessOf(fx))).map((m) => m.key);

  beforeEach(async () => {
    fx = await createTeamFixture();
  });

  it("creates metrics last in order and audits each with the actor", async () => {
    const first = await create("error-rate", { unit: " % " });
    expect(first).toEqual({
      key: "error-rate",
      name: "Metric error-rate",
      unit: "%",
      kind: "error_rate",
      badDirection: "up",
      source: "builtin",
      query: null,
      sampleQuery: null,
      version: 1,
    });
    await create(
      "p95",
      {
        kind: "latency",
        unit: "ms",
        source: "prometheus",
        query: `histogram_quantile($quantile, ${SAMPLE_QUERY})`,
        sampleQuery: SAMPLE_QUERY,
      },
      fx.actors.admin,
    );
    expect(await keysInOrder()).toEqual(["error-rate", "p95"]);
    // The shared reader the chart code uses sees the same order.
    expect((await listMetricDefinitions(await accessOf(fx))).map((m) => m.key)).toEqual(["error-rate", "p95"]);

    const events = await listAuditEvents(await accessOf(fx));
    expect(events.map((e) => [e.action, e.actorName, e.summary])).toEqual([
      ["metric.created", "Ada Admin", "Created metric Metric p95 (p95)"],
      ["metric.created", "Eddie Editor", "Created metric Metric error-rate (error-rate)"],
    ]);
    expect(events[0]?.after).toMatchObject({
      key: "p95",
      kind: "latency",
      source: "prometheus",
      sampleQuery: SAMPLE_QUERY,
    });
    expect(events[0]?.before).toBeNull();
  });

  it("refuses a duplicate key with an error on the key field; other teams may use the same key", async () => {
    await create("checkouts", { kind: "count" });
    const error = await refusedUnchanged(fx.team.id, () => create("checkouts", { kind: "mean" }), ValidationError);
    expect(error.fieldErrors).toEqual({ key: ['A metric with key "checkouts" already exists'] });

    const other = await createTeamFixture();
    await expect(create("checkouts", {}, other.actors.editor).catch((e: unknown) => e)).resolves.toBeInstanceOf(
      NotFoundError,
    );
    await createMetricDefinition(other.actors.editor, {
      teamSlug: other.team.slug,
      key: "checkouts",
      name: "Checkouts",
      kind: "count",
      badDirection: "down",
      source: "builtin",
    });
    expect((await listEditableMetricDefinitions(await accessOf(other))).map((m) => m.key)).toEqual(["checkouts"]);
  });

  it.each([
    ["a key with capitals", { key: "Error Rate" }, "key", /lowercase/],
    ["an empty name", { name: "  " }, "name", /Name is required/],
    ["an unknown kind", { kind: "p99" }, "kind", /error_rate, latency, count, mean/],
    ["an unknown bad direction", { badDirection: "sideways" }, "badDirection", /up or down/],
    ["an unknown source", { source: "datadog" }, "source", /builtin or prometheus/],
    ["a Prometheus metric without a query", { source: "prometheus", query: "  " }, "query", /needs a PromQL query/],
    ["a query on a built-in metric", { source: "builtin", query: ERROR_QUERY }, "query", /Only Prometheus metrics/],
    [
      "a template without $cohort",
      { source: "prometheus", query: 'sum(rate(x{release="$release",variant="$variant"}[5m]))' },
      "query",
      /\$cohort/,
    ],
    [
      "an unquoted label placeholder",
      { source: "prometheus", query: 'sum(rate(x{release=$release,cohort="$cohort",variant="$variant"}[5m]))' },
      "query",
      /quoted label value/,
    ],
    [
      "$quantile in a sample query",
      {
        kind: "latency",
        source: "prometheus",
        query: `histogram_quantile($quantile, ${SAMPLE_QUERY})`,
        sampleQuery: `histogram_quantile($quantile, ${SAMPLE_QUERY})`,
      },
      "sampleQuery",
      /\$quantile/,
    ],
  ])("refuses %s, naming the field, and writes nothing", async (_label, fields, field, message) => {
    await create("existing");
    const error = await refusedUnchanged(
      fx.team.id,
      () =>
        createMetricDefinition(fx.actors.editor, {
          teamSlug: fx.team.slug,
          key: "new-metric",
          name: "New",
          kind: "error_rate",
          badDirection: "up",
          source: "builtin",
          ...fields,
        }),
      ValidationError,
    );
    expect(Object.keys(error.fieldErrors)).toEqual([field]);
    expect(error.fieldErrors[field]?.join(" ")).toMatch(message);
  });

  it("updates against the version seen, auditing before/after; a stale version is a conflict with the current values", async () => {
    await create("errors");
    const update = (actor: UserActor, expectedVersion: number, fields: Record<string, unknown>) =>
      updateMetricDefinition(actor, {
        teamSlug: fx.team.slug,
        metricKey: "errors",
        expectedVersion,
        name: "Errors",
        kind: "error_rate",
        badDirection: "up",
        source: "builtin",
        ...fields,
      });

    const updated = await update(fx.actors.editor, 1, { source: "prometheus", query: ERROR_QUERY, unit: "%" });
    expect(updated).toMatchObject({
      key: "errors",
      name: "Errors",
      source: "prometheus",
      query: ERROR_QUERY,
      unit: "%",
      version: 2,
    });
    const [event] = await listAuditEvents(await accessOf(fx));
    expect(event).toMatchObject({
      action: "metric.updated",
      actorName: "Eddie Editor",
      summary: "Edited metric Errors (errors)",
      before: { name: "Metric errors", source: "builtin", query: null, unit: "" },
      after: { name: "Errors", source: "prometheus", query: ERROR_QUERY, unit: "%" },
    });

    const conflict = await refusedUnchanged(
      fx.team.id,
      () => update(fx.actors.editor2, 1, { name: "Stale" }),
      ConflictError,
    );
    expect(conflict.current).toEqual({ ...updated });
    expect(conflict.message).toMatch(/changed by someone else/);

    // Saving what is already stored changes nothing and writes no event.
    const same = await update(fx.actors.editor, 2, { source: "prometheus", query: ERROR_QUERY, unit: "%" });
    expect(same.version).toBe(2);
    expect(await listAuditEvents(await accessOf(fx))).toHaveLength(2);

    await refusedUnchanged(
      fx.team.id,
      () => update(fx.actors.editor, 2, { source: "prometheus", query: null }),
      ValidationError,
    );
    await refusedUnchanged(
      fx.team.id,
      () =>
        updateMetricDefinition(fx.actors.editor, {
          teamSlug: fx.team.slug,
          metricKey: "missing",
          expectedVersion: 1,
          name: "M",
          kind: "count",
          badDirection: "up",
          source: "builtin",
        }),
      NotFoundError,
    );
  });

  it("of two updates racing from the same version, exactly one wins", async () => {
    await create("errors");
    const outcomes = await Promise.allSettled(
      [fx.actors.editor, fx.actors.editor2].map((actor) =>
        updateMetricDefinition(actor, {
          teamSlug: fx.team.slug,
          metricKey: "errors",
          expectedVersion: 1,
          name: actor.name,
          kind: "error_rate",
          badDirection: "up",
          source: "builtin",
        }),
      ),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const rejected = outcomes.find((o) => o.status === "rejected");
    expect(rejected?.status === "rejected" && rejected.reason).toBeInstanceOf(ConflictError);
    expect((await listEditableMetricDefinitions(await accessOf(fx)))[0]?.version).toBe(2);
  });

  it("deletes a metric with an audit event holding what it was", async () => {
    await create("a");
    await create("b", { kind: "latency", unit: "ms" });
    expect(await deleteMetricDefinition(fx.actors.editor2, { teamSlug: fx.team.slug, metricKey: "b" })).toEqual({
      key: "b",
    });
    expect(await keysInOrder()).toEqual(["a"]);
    const [event] = await listAuditEvents(await accessOf(fx));
    expect(event).toMatchObject({
      action: "metric.deleted",
      actorName: "Erin Editor",
      before: { key: "b", kind: "latency", unit: "ms" },
      after: null,
    });
    await refusedUnchanged(
      fx.team.id,
      () => deleteMetricDefinition(fx.actors.editor, { teamSlug: fx.team.slug, metricKey: "b" }),
      NotFoundError,
    );
    // A new metric after a delete still goes last.
    await create("c");
    expect(await keysInOrder()).toEqual(["a", "c"]);
  });

  it("moves a metric one place up or down, renumbering positions, with an audit event", async () => {
    for (const key of ["a", "b", "c", "d"]) await create(key);
    await deleteMetricDefinition(fx.actors.editor, { teamSlug: fx.team.slug, metricKey: "a" });
    // Positions are now 2, 3, 4: moving must not collide with an untouched row.
    const move = (metricKey: string, direction: "up" | "down", actor: UserActor = fx.actors.editor) =>
      moveMetricDefinition(actor, { teamSlug: fx.team.slug, metricKey, direction });

    expect(await move("d", "up")).toEqual(["b", "d", "c"]);
    expect(await keysInOrder()).toEqual(["b", "d", "c"]);
    const [event] = await listAuditEvents(await accessOf(fx));
    expect(event).toMatchObject({
      action: "metric.reordered",
      actorName: "Eddie Editor",
      before: { order: ["b", "c", "d"] },
      after: { order: ["b", "d", "c"] },
    });

    expect(await move("b", "down", fx.actors.editor2)).toEqual(["d", "b", "c"]);
    expect(await keysInOrder()).toEqual(["d", "b", "c"]);

    const first = await refusedUnchanged(fx.team.id, () => move("d", "up"), ValidationError);
    expect(first.fieldErrors).toEqual({ direction: ["Metric d is already first"] });
    await refusedUnchanged(fx.team.id, () => move("c", "down"), ValidationError);
    await refusedUnchanged(fx.team.id, () => move("zzz", "up"), NotFoundError);
  });

  it("refuses viewers every change and leaves everything as it was; outsiders get not found", async () => {
    await create("errors");
    const viewer = fx.actors.viewer;
    const teamSlug = fx.team.slug;
    const calls = [
      () => create("new-one", {}, viewer),
      () =>
        updateMetricDefinition(viewer, {
          teamSlug,
          metricKey: "errors",
          expectedVersion: 1,
          name: "X",
          kind: "count",
          badDirection: "up",
          source: "builtin",
        }),
      () => deleteMetricDefinition(viewer, { teamSlug, metricKey: "errors" }),
      () => moveMetricDefinition(viewer, { teamSlug, metricKey: "errors", direction: "down" }),
      () => setPrometheusSettings(viewer, { teamSlug, url: "http://prometheus:9090" }),
    ];
    for (const call of calls) {
      const error = await refusedUnchanged(fx.team.id, call, ForbiddenError);
      expect(error.message).toMatch(/You are a viewer/);
    }
    await refusedUnchanged(
      fx.team.id,
      () => deleteMetricDefinition(fx.actors.outsider, { teamSlug, metricKey: "errors" }),
      NotFoundError,
    );
    await refusedUnchanged(fx.team.id, () => create("sneaky", {}, fx.actors.outsider), NotFoundError);
  });

  it("lets only admins change the Prometheus settings", async () => {
    const input = { teamSlug: fx.team.slug, url: "http://prometheus:9090", token: "s3cret-token" };
    for (const actor of [fx.actors.editor, fx.actors.approver]) {
      const error = await refusedUnchanged(fx.team.id, () => setPrometheusSettings(actor, input), ForbiddenError);
      expect(error.message).toMatch(/only admins/);
    }
    expect(await setPrometheusSettings(fx.actors.admin, input)).toEqual({
      url: "http://prometheus:9090",
      tokenSet: true,
    });
  });

  it("never hands the token back: not in results, reads or audit events; blank keeps it", async () => {
    const teamSlug = fx.team.slug;
    const admin = fx.actors.admin;
    const stored = async () => (await getDb().team.findUniqueOrThrow({ where: { id: fx.team.id } })).prometheusToken;
    const eventsText = async () => JSON.stringify(await getDb().auditEvent.findMany({ where: { teamId: fx.team.id } }));

    expect(await getPrometheusSettings(await accessOf(fx))).toEqual({ url: null, tokenSet: false });
    const set = await setPrometheusSettings(admin, {
      teamSlug,
      url: " https://prom.example.test/prometheus/ ",
      token: "first-token",
    });
    expect(set).toEqual({ url: "https://prom.example.test/prometheus", tokenSet: true });
    expect(await stored()).toBe("first-token");
    expect(await getPrometheusSettings(await accessOf(fx))).toEqual(set);

    // The form leaves the token blank: the stored one stays.
    expect(await setPrometheusSettings(admin, { teamSlug, url: "https://prom2.example.test", token: "" })).toEqual({
      url: "https://prom2.example.test",
      tokenSet: true,
    });
    expect(await stored()).toBe("first-token");
    await setPrometheusSettings(admin, { teamSlug, url: "https://prom2.example.test", token: "second-token" });
    expect(await stored()).toBe("second-token");
    // Nothing to change: no event.
    await setPrometheusSettings(admin, { teamSlug, url: "https://prom2.example.test" });

    const events = await listAuditEvents(await accessOf(fx));
    expect(events.map((e) => [e.action, e.actorName, e.summary, e.before, e.after])).toEqual([
      [
        "team.prometheus_updated",
        "Ada Admin",
        "Replaced the Prometheus bearer token",
        { url: "https://prom2.example.test", token: "set" },
        { url: "https://prom2.example.test", token: "replaced" },
      ],
      [
        "team.prometheus_updated",
        "Ada Admin",
        "Set the Prometheus backend to https://prom2.example.test with a bearer token",
        { url: "https://prom.example.test/prometheus", token: "set" },
        { url: "https://prom2.example.test", token: "set" },
      ],
      [
        "team.prometheus_updated",
        "Ada Admin",
        "Set the Prometheus backend to https://prom.example.test/prometheus with a bearer token",
        { url: null, token: "not set" },
        { url: "https://prom.example.test/prometheus", token: "set" },
      ],
    ]);
    expect(await eventsText()).not.toMatch(/first-token|second-token/);

    expect(
      await setPrometheusSettings(admin, { teamSlug, url: "https://prom2.example.test", clearToken: true }),
    ).toEqual({ url: "https://prom2.example.test", tokenSet: false });
    expect(await stored()).toBeNull();
    await setPrometheusSettings(admin, { teamSlug, url: "https://prom2.example.test", token: "third-token" });
    // Removing the URL removes the token that went with it.
    expect(await setPrometheusSettings(admin, { teamSlug, url: "" })).toEqual({ url: null, tokenSet: false });
    expect(await stored()).toBeNull();
    expect((await listAuditEvents(await accessOf(fx)))[0]).toMatchObject({
      summary: "Removed the Prometheus backend",
      after: { url: null, token: "not set" },
    });
    expect(await eventsText()).not.toMatch(/third-token/);
  });

  it.each([
    ["ftp://prom:21", "url", /http:\/\/ or https:\/\//],
    ["prometheus:9090/x y", "url", /http|full URL/],
    ["not a url", "url", /full URL/],
    ["http://user:pass@prom:9090", "url", /credentials/],
    ["http://prom:9090/?x=1", "url", /base URL only/],
  ])("refuses the Prometheus URL %s on the url field", async (url, field, message) => {
    const error = await refusedUnchanged(
      fx.team.id,
      () => setPrometheusSettings(fx.actors.admin, { teamSlug: fx.team.slug, url }),
      ValidationError,
    );
    expect(Object.keys(error.fieldErrors)).toEqual([field]);
    expect(error.fieldErrors[field]?.join(" ")).toMatch(message);
  });

  it("refuses a token with spaces, or a new token together with removing it", async () => {
    const teamSlug = fx.team.slug;
    const spaced = await refusedUnchanged(
      fx.team.id,
      () => setPrometheusSettings(fx.actors.admin, { teamSlug, url: "http://p:9090", token: "two words" }),
      ValidationError,
    );
    expect(Object.keys(spaced.fieldErrors)).toEqual(["token"]);
    const both = await refusedUnchanged(
      fx.team.id,
      () => setPrometheusSettings(fx.actors.admin, { teamSlug, url: "http://p:9090", token: "t", clearToken: true }),
      ValidationError,
    );
    expect(Object.keys(both.fieldErrors)).toEqual(["token"]);
  });

  it("seeds the demo teams' metrics once, and backfills a demo database seeded before metrics existed", async () => {
    const db = getDb();
    const keysOf = async (slug: string) => {
      const team = await db.team.findUniqueOrThrow({ where: { slug } });
      return (await loadMetricDefinitions(db, team.id)).map(
        (m) => `${m.key}:${m.kind}:${m.unit}:${m.badDirection}:${m.source}`,
      );
    };
    await seedDemo({ db });
    const acme = [
      "error-rate:error_rate:%:up:builtin",
      "latency:latency:ms:up:builtin",
      "checkouts:count:orders:down:builtin",
    ];
    expect(await keysOf("acme")).toEqual(acme);
    expect(await keysOf("platform")).toHaveLength(2);
    const acmeTeam = await db.team.findUniqueOrThrow({ where: { slug: "acme" } });
    const created = await db.auditEvent.findMany({ where: { teamId: acmeTeam.id, action: "metric.created" } });
    expect(created.map((e) => e.actorName).sort()).toEqual(["Ada Admin", "Ada Admin", "Sam Sre"]);

    expect(await seedDemo({ db })).toEqual({ created: false });
    expect(await keysOf("acme")).toEqual(acme);

    // A database seeded before metrics existed: no definitions, no metric events.
    await db.metricDefinition.deleteMany({ where: { teamId: acmeTeam.id } });
    await db.auditEvent.deleteMany({ where: { teamId: acmeTeam.id, action: { startsWith: "metric." } } });
    await seedDemo({ db });
    expect(await keysOf("acme")).toEqual(acme);
    expect(
      (await db.auditEvent.findMany({ where: { teamId: acmeTeam.id, action: "metric.created" } })).map(
        (e) => e.actorName,
      ),
    ).toEqual(["system:seed", "system:seed", "system:seed"]);

    // Deleting the demo metrics sticks.
    const ada = await db.user.findUniqueOrThrow({ where: { email: "ada@acme.test" } });
    for (const key of ["error-rate", "latency", "checkouts"]) {
      await deleteMetricDefinition({ type: "user", id: ada.id, name: ada.name }, { teamSlug: "acme", metricKey: key });
    }
    await seedDemo({ db });
    expect(await keysOf("acme")).toEqual([]);
  });
});
