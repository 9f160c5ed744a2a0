import { beforeEach, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { databaseUrl, providerOf } from "@/lib/db/database-url";
import { seriesRegistryFor } from "@/lib/metrics/backend-for";
import { AggregateCell } from "@/lib/metrics/builtin/aggregate-cell";
import { writeCells } from "@/lib/metrics/builtin/aggregate-writer";
import { createPlan } from "@/lib/plans/create-plan";
import { createEmbedLink } from "@/lib/embeds/create-embed-link";
import { embedPageResponse, embedPngResponse, embedSvgResponse } from "@/lib/http/embeds/embed-responses";
import { hashEmbedToken } from "@/lib/embeds/embed-token";
import { revokeEmbedLink } from "@/lib/embeds/revoke-embed-link";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors/domain-errors";
import { createMetricDefinition } from "@/lib/metrics/definitions/create-metric-definition";
import { setPrometheusSettings } from "@/lib/metrics/definitions/set-prometheus-settings";
import { setRollout } from "@/lib/releases/set-rollout";
import { createTeamFixture, type TeamFixture } from "../support/fixtures";
import { scenario } from "../support/scenario";
import { expectRefusedUnchanged } from "../support/team-state";
import { describeEachProvider } from "../support/test-database";

const ORIGIN = "https://wiki.example.com";

describeEachProvider("embeds", () => {
  let fx: TeamFixture;
  let slug: string;
  const link = (overrides: Record<string, unknown> = {}) =>
    createEmbedLink(fx.actors.editor, {
      teamSlug: slug,
      releaseKey: "checkout",
      environmentKey: "production",
      name: "Wiki",
      cohortKeys: ["beta"],
      metricKeys: ["errors"],
      range: "24h",
      theme: "dark",
      allowedOrigins: [ORIGIN, "http://127.0.0.1:4000"],
      ...overrides,
    });

  beforeEach(async () => {
    fx = await createTeamFixture();
    slug = fx.team.slug;
    const checkout = await scenario(fx).release("checkout", "Checkout v2");
    await scenario(fx).release("secret-project", "Secret project");
    await scenario(fx).keysCohort("beta", ["alice"]);
    await scenario(fx).keysCohort("vip", ["bob"]);
    await setRollout(fx.actors.editor, {
      teamSlug: slug,
      releaseKey: "checkout",
      environmentKey: "production",
      expectedVersion: 1,
      defaultBasisPoints: 0,
      cohorts: { beta: 2500 },
    });
    await scenario(fx).command(checkout.id, "checkout", "production", "start");
    await createMetricDefinition(fx.actors.editor, {
      teamSlug: slug,
      key: "errors",
      name: "Error rate",
      kind: "error_rate",
      badDirection: "up",
      source: "builtin",
    });
    await createMetricDefinition(fx.actors.editor, {
      teamSlug: slug,
      key: "revenue",
      name: "Revenue per user",
      kind: "mean",
      badDirection: "down",
      source: "builtin",
    });
  });

  it("the token is shown once and only its hash is stored", async () => {
    const created = await link();
    expect(created.token).toMatch(/^gpe_[A-Za-z0-9_-]{43}$/);
    const row = await getDb().embedLink.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).toBe(hashEmbedToken(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);
    expect(await getDb().auditEvent.count({ where: { teamId: fx.team.id, action: "embed_link.created" } })).toBe(1);
  });

  it("serves exactly the chosen chart, framable only by the listed origins", async () => {
    const { token } = await link();
    const response = await embedPageResponse(token);
    expect(response.status).toBe(200);
    const csp = response.headers.get("content-security-policy")!;
    expect(csp).toContain(`frame-ancestors ${ORIGIN} http://127.0.0.1:4000`);
    expect(response.headers.get("x-frame-options")).toBeNull();
    const html = await response.text();
    expect(html).toContain("Checkout v2 in Production");
    expect(html).toContain("Error rate (%)");
    expect(html).toContain("Cohort beta · 25%");
    // Nothing beyond the chart: not the other cohort, metric or release, nor any key.
    for (const hidden of ["Cohort vip", "Revenue per user", "Secret project", "Everyone else", fx.team.slug])
      expect(html).not.toContain(hidden);
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)![1]!;
    expect(html).toContain(`<script nonce="${nonce}">`);

    const svg = await embedSvgResponse(token);
    expect(svg.status).toBe(200);
    expect(svg.headers.get("content-type")).toContain("image/svg+xml");
    const image = await svg.text();
    expect(image).toMatch(/^<svg[^>]+role="img"/);
    expect(image).toContain("Cohort beta · 25%");
    expect(image).not.toContain("Secret project");

    const png = await embedPngResponse(token);
    expect(png.status).toBe(200);
    expect(png.headers.get("content-type")).toBe("image/png");
    const bytes = new Uint8Array(await png.arrayBuffer());
    expect([...bytes.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // Twice the SVG's width (the width is in the IHDR chunk, bytes 16–19).
    const svgWidth = Number(/^<svg[^>]* width="(\d+)"/.exec(image)![1]);
    expect(new DataView(bytes.buffer).getUint32(16)).toBe(svgWidth * 2);
  });

  it("without pinned cohorts or metrics: the cohorts with data, and the plan's guardrail metrics once there is one", async () => {
    // Error rates for beta only: vip and everyone else have nothing in the range.
    const minute = Math.floor(Date.now() / 60_000) - 30;
    const cells = (["treatment", "control"] as const).map((variant) => {
      const cell = new AggregateCell("plain");
      cell.addIncrement(100, 2);
      return {
        series: {
          environmentId: fx.environments.production.id,
          metricKey: "errors",
          releaseKey: "checkout",
          cohortKey: "beta",
          variant,
        },
        minute,
        cell,
      };
    });
    await writeCells(getDb(), providerOf(databaseUrl()), seriesRegistryFor(getDb()), cells);
    const { token } = await link({ cohortKeys: [], metricKeys: [] });

    const before = await (await embedPageResponse(token)).text();
    expect(before).toContain("Cohort beta · 25%");
    for (const empty of ["Cohort vip", "Everyone else"]) expect(before).not.toContain(empty);
    expect(before).toContain("Cohorts: those with data in the last 24 hours; 2 without data are not shown.");
    // No plan yet: every metric.
    expect(before).toContain("Error rate (%)");
    expect(before).toContain("Revenue per user");
    expect(before).toContain("15-minute steps");

    await createPlan(fx.actors.editor, {
      teamSlug: slug,
      releaseKey: "checkout",
      environmentKey: "production",
      definition: {
        steps: [{ targets: { beta: 5000 }, bakeMinutes: 10 }],
        guardrails: { metrics: [{ metricKey: "errors", tolerance: { kind: "absolute", value: 0.01 } }] },
      },
    });
    const after = await (await embedPageResponse(token)).text();
    expect(after).toContain("Metrics: the ones the release&#39;s rollout plan guards.");
    expect(after).toContain("Error rate (%)");
    expect(after).not.toContain("Revenue per user");
  });

  it("a pinned link shows exactly its cohorts, with data or not", async () => {
    const { token } = await link({ cohortKeys: ["vip"], metricKeys: ["revenue"] });
    const html = await (await embedPageResponse(token)).text();
    expect(html).toContain("Cohort vip");
    expect(html).not.toContain("not shown");
  });

  it("revoked, expired and unknown tokens answer 404 with a plain notice and no data", async () => {
    const revoked = await link();
    await revokeEmbedLink(fx.actors.editor, { teamSlug: slug, id: revoked.id });
    const expired = await link({ expiresInDays: 1 });
    await getDb().embedLink.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const cases: [string, RegExp][] = [
      [revoked.token, /was revoked/],
      [expired.token, /has expired/],
      [`gpe_${"x".repeat(43)}`, /does not exist/],
      ["not-a-token", /does not exist/],
    ];
    for (const [token, notice] of cases) {
      const page = await embedPageResponse(token);
      expect(page.status).toBe(404);
      const html = await page.text();
      expect(html).toMatch(notice);
      expect(html).not.toContain("Checkout");
      expect(html).not.toContain("<svg");
      expect(page.headers.get("content-security-policy")).not.toContain("script-src");
      expect((await embedSvgResponse(token)).status).toBe(404);
      expect((await embedPngResponse(token)).status).toBe(404);
    }
  });

  it("no cache may keep an image once its link is revoked: every answer is no-store", async () => {
    const { id, token } = await link();
    for (const respond of [embedPageResponse, embedSvgResponse, embedPngResponse]) {
      const live = await respond(token);
      expect(live.status).toBe(200);
      // Not "public, max-age": a shared cache would serve the chart for that long after revoking.
      expect(live.headers.get("cache-control")).toBe("no-store");
    }
    await revokeEmbedLink(fx.actors.editor, { teamSlug: slug, id });
    for (const respond of [embedPageResponse, embedSvgResponse, embedPngResponse]) {
      const gone = await respond(token);
      expect(gone.status).toBe(404);
      expect(gone.headers.get("cache-control")).toBe("no-store");
    }
  });

  it("a link for one release can't be turned into another's: the token alone decides", async () => {
    const forCheckout = await link();
    const forSecret = await link({ releaseKey: "secret-project", name: "Secret" });
    expect(await (await embedPageResponse(forCheckout.token)).text()).not.toContain("Secret project");
    expect(await (await embedPageResponse(forSecret.token)).text()).toContain("Secret project in Production");
  });

  it("a failing metrics backend shows 'unavailable', never its message or address", async () => {
    await setPrometheusSettings(fx.actors.admin, { teamSlug: slug, url: "http://127.0.0.1:9/prom-internal" });
    await createMetricDefinition(fx.actors.editor, {
      teamSlug: slug,
      key: "edge",
      name: "Edge errors",
      kind: "error_rate",
      badDirection: "up",
      source: "prometheus",
      query: 'sum(rate(e{release="$release",cohort="$cohort",variant="$variant"}[$window]))',
    });
    const { token } = await link({ metricKeys: ["edge"] });
    const html = await (await embedPageResponse(token)).text();
    expect(html).toContain("Data unavailable right now");
    expect(html).not.toContain("127.0.0.1:9");
    expect(html).not.toContain("prom-internal");
  });

  it("who may create and revoke; bad input names the field and changes nothing", async () => {
    await expectRefusedUnchanged(
      fx.team.id,
      () =>
        createEmbedLink(fx.actors.viewer, {
          teamSlug: slug,
          releaseKey: "checkout",
          environmentKey: "production",
          name: "x",
          range: "24h",
          theme: "auto",
          allowedOrigins: [ORIGIN],
        }),
      ForbiddenError,
    );
    await expectRefusedUnchanged(
      fx.team.id,
      () =>
        createEmbedLink(fx.actors.outsider, {
          teamSlug: slug,
          releaseKey: "checkout",
          environmentKey: "production",
          name: "x",
          range: "24h",
          theme: "auto",
          allowedOrigins: [ORIGIN],
        }),
      NotFoundError,
    );
    const badOrigin = await expectRefusedUnchanged(
      fx.team.id,
      () => link({ allowedOrigins: ["https://*.example.com"] }),
      ValidationError,
    );
    expect(Object.keys(badOrigin.fieldErrors)).toEqual(["allowedOrigins"]);
    const badCohort = await expectRefusedUnchanged(fx.team.id, () => link({ cohortKeys: ["nope"] }), ValidationError);
    expect(Object.keys(badCohort.fieldErrors)).toEqual(["cohortKeys"]);
    const badRange = await expectRefusedUnchanged(fx.team.id, () => link({ range: "3y" }), ValidationError);
    expect(Object.keys(badRange.fieldErrors)).toEqual(["range"]);

    const created = await link();
    await expectRefusedUnchanged(
      fx.team.id,
      () => revokeEmbedLink(fx.actors.editor2, { teamSlug: slug, id: created.id }),
      ForbiddenError,
    );
    await expectRefusedUnchanged(
      fx.team.id,
      () => revokeEmbedLink(fx.actors.outsider, { teamSlug: slug, id: created.id }),
      NotFoundError,
    );
    await revokeEmbedLink(fx.actors.admin, { teamSlug: slug, id: created.id });
    expect((await embedPageResponse(created.token)).status).toBe(404);
  });
});
