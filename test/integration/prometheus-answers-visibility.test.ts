import { afterAll, beforeAll, expect, it } from "vitest";
import { createMetricDefinition } from "@/lib/metrics/definitions/create-metric-definition";
import { setPrometheusSettings } from "@/lib/metrics/definitions/set-prometheus-settings";
import { readReleaseChartData } from "@/lib/metrics/read-release-chart-data";
import { createTeamFixture, type TeamFixture } from "../support/fixtures";
import { listenOnLoopback, type RunningServer } from "../support/prometheus";
import { scenario } from "../support/scenario";
import { describeEachProvider } from "../support/test-database";
import { contextOf } from "../support/team-access";

// What sits at a team's Prometheus URL is usually on an internal network, and may not be
// Prometheus at all: whatever it answers reaches admins only.
const ANSWERS: Record<string, { status: number; headers?: Record<string, string>; body?: string }> = {
  "/plain": {
    status: 500,
    headers: { "content-type": "text/plain" },
    body: "db_password=hunter2 internal stack trace",
  },
  "/redirect": { status: 302, headers: { location: "https://sso.internal/login?token=s3cr3t" } },
  "/refused": {
    status: 400,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ status: "error", errorType: "leak:db_password=hunter2", error: "parse error near s3cr3t" }),
  },
  "/bad-data": {
    status: 400,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ status: "error", errorType: "bad_data", error: "parse error at char 3: s3cr3t" }),
  },
};
const SECRETS = ["hunter2", "s3cr3t", "sso.internal", "stack trace"];

describeEachProvider("the chart API shows Prometheus' answers to admins only", () => {
  let fx: TeamFixture;
  let server: RunningServer;

  beforeAll(async () => {
    server = await listenOnLoopback((request, response) => {
      const path = (request.url ?? "").replace(/\/api\/v1\/query(_range)?$/, "");
      const answer = ANSWERS[path];
      request.resume();
      if (!answer) response.writeHead(404).end();
      else response.writeHead(answer.status, answer.headers).end(answer.body ?? "");
    });
    fx = await createTeamFixture();
    await scenario(fx).release("checkout");
    await createMetricDefinition(fx.actors.editor, {
      teamSlug: fx.team.slug,
      key: "prom-errors",
      name: "Prometheus errors",
      kind: "error_rate",
      badDirection: "up",
      source: "prometheus",
      query: 'sum(rate(http_errors_total{release="$release",cohort="$cohort",variant="$variant"}[$window]))',
    });
  });
  afterAll(async () => {
    await server.stop();
  });

  const panelError = async (role: "viewer" | "editor" | "approver" | "admin") => {
    const query = new URLSearchParams({ range: "1h", metrics: "prom-errors", cohorts: "default" });
    const data = await readReleaseChartData(await contextOf(fx, "production", role), { releaseKey: "checkout", query });
    return data.metrics[0]?.error ?? null;
  };

  it.each([
    ["/plain", "Prometheus answered HTTP 500 Internal Server Error", "db_password=hunter2"],
    [
      "/redirect",
      "Prometheus answered HTTP 302, a redirect (not followed); an admin should configure the final URL",
      "https://sso.internal/login?token=s3cr3t",
    ],
    ["/refused", "Prometheus refused the query (error, HTTP 400)", "parse error near s3cr3t"],
    ["/bad-data", "Prometheus refused the query (bad_data, HTTP 400)", "parse error at char 3: s3cr3t"],
  ])("%s: members see the status and a reason of ours, admins what it said", async (path, summary, detail) => {
    await setPrometheusSettings(fx.actors.admin, { teamSlug: fx.team.slug, url: `${server.url}${path}` });
    for (const role of ["viewer", "editor", "approver"] as const) {
      const error = await panelError(role);
      expect(error, role).toBe(summary);
      for (const secret of SECRETS) expect(error, `${role} sees ${secret}`).not.toContain(secret);
      expect(error).not.toContain(server.url);
    }
    expect(await panelError("admin")).toContain(detail);
  });

  it("an unreachable backend: members see the failure's code, admins the address", async () => {
    const closed = await listenOnLoopback(() => undefined);
    await closed.stop();
    await setPrometheusSettings(fx.actors.admin, { teamSlug: fx.team.slug, url: closed.url });
    expect(await panelError("viewer")).toBe("Prometheus is unreachable (ECONNREFUSED)");
    expect(await panelError("admin")).toContain(`Prometheus at ${closed.url} is unreachable`);
  });
});
