import type { IncomingMessage, ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  MetricsBackendError,
  type MetricDefinitionView,
  type MetricSummary,
  type SeriesSelector,
} from "@/lib/metrics/metric-types";
import { createPrometheusBackend } from "@/lib/metrics/prometheus/prometheus-backend";
import {
  freePort,
  listenOnLoopback,
  prometheusMissingReason,
  startPrometheusWithTestExporter,
  type PrometheusTestStack,
  type RunningServer,
} from "../support/prometheus";
import {
  expectedQuantile,
  HOSTILE_COHORT,
  TEST_COHORTS,
  TEST_ENVIRONMENT,
  TEST_METRICS,
  TEST_RELEASE,
  testProfile,
} from "../support/prometheus-test-metrics";

function selector(metric: MetricDefinitionView, cohortKeys: readonly string[] = [...TEST_COHORTS]): SeriesSelector {
  return { environmentId: "env-test", environmentKey: TEST_ENVIRONMENT, releaseKey: TEST_RELEASE, cohortKeys, metric };
}

function pick<T extends { cohortKey: string; variant: string; stat: string }>(
  results: T[],
  cohortKey: string,
  variant: string,
  stat = "value",
): T {
  const found = results.find((r) => r.cohortKey === cohortKey && r.variant === variant && r.stat === stat);
  if (!found) throw new Error(`no result for ${cohortKey}/${variant}/${stat}`);
  return found;
}

async function backendError(promise: Promise<unknown>): Promise<MetricsBackendError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MetricsBackendError);
  return error as MetricsBackendError;
}

// CI installs Prometheus (.ci/run): there, a missing binary is a failure, not a skip.
const missing = process.env.CI ? null : prometheusMissingReason();
if (missing) console.warn(`Skipping the real-Prometheus tests: ${missing}`);

describe.skipIf(missing !== null)("Prometheus backend against a real Prometheus", () => {
  let stack: PrometheusTestStack;

  beforeAll(async () => {
    stack = await startPrometheusWithTestExporter();
    await stack.waitForScrapes(12);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it("summary: error rates per cohort and variant, with request counts, through a hostile cohort key", async () => {
    const backend = createPrometheusBackend({ url: stack.prometheusUrl });
    const to = Date.now();
    // 9.5 s: the window goes to Prometheus as the compound duration "9s500ms".
    const summaries = await backend.summary(selector(TEST_METRICS.errorRate, [...TEST_COHORTS, "nobody"]), {
      from: to - 9_500,
      to,
    });

    expect(summaries).toHaveLength(8);
    for (const cohort of TEST_COHORTS) {
      for (const variant of ["treatment", "control"] as const) {
        const profile = testProfile(TEST_RELEASE, cohort, variant);
        const summary = pick(summaries, cohort, variant);
        expect(summary.value).toBeCloseTo(profile.errorRatio, 9);
        const expectedRequests = profile.requestsPerSecond * 9.5;
        expect(summary.samples).toBeGreaterThan(expectedRequests * 0.75);
        expect(summary.samples).toBeLessThan(expectedRequests * 1.25);
        expect(Number.isInteger(summary.samples)).toBe(true);
      }
    }
    expect(pick(summaries, "beta", "treatment").value).toBeCloseTo(0.08, 9);
    expect(pick(summaries, "beta", "control").value).toBeCloseTo(0.02, 9);
    // The cohort whose key would break out of an unescaped string reads its own series.
    expect(pick(summaries, HOSTILE_COHORT, "treatment").value).toBeCloseTo(0.25, 9);
    // No series: no value, and the sample query counts nothing.
    expect(pick(summaries, "nobody", "treatment")).toEqual<MetricSummary>({
      cohortKey: "nobody",
      variant: "treatment",
      stat: "value",
      value: null,
      samples: 0,
    });
  });

  it("summary: latency quantiles where the histogram puts them, mean of a gauge, samples null without a sample query", async () => {
    const backend = createPrometheusBackend({ url: stack.prometheusUrl });
    const to = Date.now();
    const window = { from: to - 8_000, to };
    const latency = await backend.summary(selector(TEST_METRICS.latency), window);
    expect(latency).toHaveLength(3 * 2 * 3);
    for (const cohort of TEST_COHORTS) {
      for (const variant of ["treatment", "control"] as const) {
        const { latencyCumulative } = testProfile(TEST_RELEASE, cohort, variant);
        for (const [stat, q] of [
          ["p50", 0.5],
          ["p95", 0.95],
          ["p99", 0.99],
        ] as const) {
          expect(pick(latency, cohort, variant, stat).value, `${cohort}/${variant}/${stat}`).toBeCloseTo(
            expectedQuantile(q, latencyCumulative),
            6,
          );
        }
      }
    }
    // Slower in treatment for beta: p95 in (0.5, 1] against (0.25, 0.5] in control.
    expect(pick(latency, "beta", "treatment", "p95").value).toBeGreaterThan(0.5);
    expect(pick(latency, "beta", "control", "p95").value).toBeLessThanOrEqual(0.5);
    // Rank beyond the last finite bucket: histogram_quantile answers that bound.
    expect(pick(latency, "beta", "treatment", "p99").value).toBeCloseTo(1, 9);

    const depth = await backend.summary(selector(TEST_METRICS.queueDepth), window);
    expect(pick(depth, "beta", "treatment").value).toBe(7);
    expect(pick(depth, HOSTILE_COHORT, "control").value).toBe(11);
    const scrapes = pick(depth, "default", "control").samples ?? 0;
    expect(scrapes).toBeGreaterThanOrEqual(6);
    expect(scrapes).toBeLessThanOrEqual(9);

    const requests = await backend.summary(selector(TEST_METRICS.requests, ["beta"]), window);
    expect(pick(requests, "beta", "control").samples).toBeNull();
    expect(pick(requests, "beta", "control").value).toBeGreaterThan(
      pick(requests, "beta", "treatment").value ?? Infinity,
    );
  });

  it("series: points per step bucket with values and sample counts", async () => {
    const backend = createPrometheusBackend({ url: stack.prometheusUrl });
    const to = Date.now();
    const range = { from: to - 60_000, to, stepSeconds: 5 };
    const series = await backend.series(selector(TEST_METRICS.errorRate), range);
    expect(series).toHaveLength(6);
    for (const result of series) {
      const { errorRatio } = testProfile(TEST_RELEASE, result.cohortKey, result.variant);
      expect(result.points.length, `${result.cohortKey}/${result.variant}`).toBeGreaterThanOrEqual(2);
      for (const point of result.points) {
        expect(point.t % 5_000).toBe(0);
        expect(point.t).toBeGreaterThanOrEqual(range.from - 5_000);
        expect(point.t).toBeLessThanOrEqual(to);
        expect(point.value).toBeCloseTo(errorRatio, 9);
        expect(point.samples).toBeGreaterThan(0);
      }
      const times = result.points.map((p) => p.t);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }

    const latency = await backend.series(selector(TEST_METRICS.latency, ["beta"]), range);
    expect(latency.map((r) => `${r.variant}/${r.stat}`).sort()).toEqual(
      ["control/p50", "control/p95", "control/p99", "treatment/p50", "treatment/p95", "treatment/p99"].sort(),
    );
    const p95 = pick(latency, "beta", "treatment", "p95").points.at(-1);
    expect(p95?.value).toBeCloseTo(
      expectedQuantile(0.95, testProfile(TEST_RELEASE, "beta", "treatment").latencyCumulative),
      6,
    );

    const nobody = await backend.series(selector(TEST_METRICS.requests, ["nobody"]), range);
    expect(nobody.map((r) => r.points)).toEqual([[], []]);
  });

  it("a PromQL syntax error comes back as a MetricsBackendError with Prometheus' message", async () => {
    const backend = createPrometheusBackend({ url: stack.prometheusUrl });
    const broken = {
      ...TEST_METRICS.requests,
      query: 'sum(rate(glidepath_test_requests_total{release="$release",cohort="$cohort",variant="$variant"}[$window])',
    };
    const to = Date.now();
    const error = await backendError(backend.summary(selector(broken, ["beta"]), { from: to - 60_000, to }));
    expect(error.message).toMatch(/^Prometheus refused the query \(bad_data, HTTP 400\): .*parse error/);

    const rangeVector = {
      ...TEST_METRICS.requests,
      query: 'glidepath_test_requests_total{release="$release",cohort="$cohort",variant="$variant"}[$window]',
    };
    const instant = await backendError(backend.summary(selector(rangeVector, ["beta"]), { from: to - 60_000, to }));
    expect(instant.message).toContain("range vector");
    const range = await backendError(
      backend.series(selector(rangeVector, ["beta"]), { from: to - 60_000, to, stepSeconds: 60 }),
    );
    expect(range.message).toMatch(/bad_data.*range vector/);
  });

  it("a closed port is a MetricsBackendError naming the connection failure", async () => {
    const port = await freePort();
    const backend = createPrometheusBackend({ url: `http://127.0.0.1:${port}` });
    const to = Date.now();
    const error = await backendError(
      backend.summary(selector(TEST_METRICS.requests, ["beta"]), { from: to - 60_000, to }),
    );
    expect(error.message).toMatch(
      new RegExp(`^Prometheus at http://127\\.0\\.0\\.1:${port} is unreachable: .*ECONNREFUSED`),
    );
  });
});

// Failure modes and the exact request, against a stand-in server speaking HTTP (runs everywhere).
describe("Prometheus backend over HTTP", () => {
  type Captured = { method?: string; url?: string; headers: IncomingMessage["headers"]; form: URLSearchParams };
  let server: RunningServer;
  let captured: Captured[] = [];
  let respond: (response: ServerResponse, request: Captured) => void = () => {};
  const TOKEN = "s3cret-token-xyz";
  const to = 1_700_000_000_000;
  const window = { from: to - 300_000, to };

  beforeAll(async () => {
    server = await listenOnLoopback((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        const entry = {
          method: request.method,
          url: request.url,
          headers: request.headers,
          form: new URLSearchParams(body),
        };
        captured.push(entry);
        respond(response, entry);
      });
    });
  });

  afterAll(async () => {
    await server?.stop();
  });

  const json = (status: number, body: unknown) => (response: ServerResponse) => {
    response.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
  };
  const success = (data: unknown) => json(200, { status: "success", data });

  function fresh(respondWith: typeof respond) {
    captured = [];
    respond = respondWith;
  }

  it("sends the bearer token and the query to the configured path", async () => {
    fresh(success({ resultType: "vector", result: [] }));
    const backend = createPrometheusBackend({ url: `${server.url}/prom/`, token: TOKEN });
    await backend.summary(selector(TEST_METRICS.requests, ["beta"]), window);
    expect(captured).toHaveLength(2);
    const first = captured[0]!;
    expect(first.method).toBe("POST");
    expect(first.url).toBe("/prom/api/v1/query");
    expect(first.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(first.form.get("time")).toBe(String(to / 1000));
    expect(captured.map((c) => c.form.get("query")).sort()).toEqual(
      (["control", "treatment"] as const)
        .map(
          (v) =>
            `sum(increase(glidepath_test_requests_total{environment="production",release="checkout",cohort="beta",variant="${v}"}[5m]))`,
        )
        .sort(),
    );

    fresh(success({ resultType: "matrix", result: [] }));
    const noToken = createPrometheusBackend({ url: server.url });
    // 1h range, 60 s step: evaluated at each minute's end; $window is the step.
    await noToken.series(selector(TEST_METRICS.requests, ["beta"]), {
      from: to - 3_600_000 + 1_000,
      to,
      stepSeconds: 60,
    });
    const range = captured[0]!;
    expect(range.url).toBe("/api/v1/query_range");
    expect(range.headers.authorization).toBeUndefined();
    const minute = 60_000;
    expect(range.form.get("start")).toBe(
      String((Math.floor((to - 3_600_000 + 1_000) / minute) * minute + minute) / 1000),
    );
    expect(range.form.get("end")).toBe(String((Math.ceil(to / minute) * minute) / 1000));
    expect(range.form.get("step")).toBe("60");
    expect(range.form.get("query")).toContain("[1m]");
  });

  it("maps matrix values to bucket starts, NaN and Inf to null, and reads only the first series", async () => {
    const step = 60;
    fresh(
      success({
        resultType: "matrix",
        result: [
          {
            metric: { a: "1" },
            values: [
              [1_700_000_040, "0.5"],
              [1_700_000_100, "NaN"],
              [1_700_000_160, "+Inf"],
            ],
          },
          { metric: { a: "2" }, values: [[1_700_000_040, "99"]] },
        ],
      }),
    );
    const backend = createPrometheusBackend({ url: server.url });
    const [result] = await backend.series(selector(TEST_METRICS.requests, ["beta"]), {
      from: to - 600_000,
      to,
      stepSeconds: step,
    });
    expect(result?.points).toEqual([
      { t: 1_699_999_980_000, value: 0.5, samples: null },
      { t: 1_700_000_040_000, value: null, samples: null },
      { t: 1_700_000_100_000, value: null, samples: null },
    ]);
  });

  it("a Prometheus error answer carries errorType and message", async () => {
    fresh(json(503, { status: "error", errorType: "timeout", error: "query timed out in expression evaluation" }));
    const error = await backendError(
      createPrometheusBackend({ url: server.url }).summary(selector(TEST_METRICS.requests, ["beta"]), window),
    );
    expect(error.message).toBe(
      "Prometheus refused the query (timeout, HTTP 503): query timed out in expression evaluation",
    );
  });

  it("a refused token names the HTTP status and never the token, even when the server echoes it", async () => {
    fresh((response, request) => {
      response
        .writeHead(401, { "Content-Type": "text/plain" })
        .end(`invalid credentials: ${request.headers.authorization}`);
    });
    const error = await backendError(
      createPrometheusBackend({ url: server.url, token: TOKEN }).summary(
        selector(TEST_METRICS.requests, ["beta"]),
        window,
      ),
    );
    expect(error.message).toBe(
      `Prometheus at ${server.url} answered HTTP 401 Unauthorized (check the bearer token): invalid credentials: Bearer [redacted]`,
    );
    expect(error.message).not.toContain(TOKEN);
  });

  it("times out after timeoutMs", async () => {
    fresh(() => {}); // never answers
    const started = Date.now();
    const error = await backendError(
      createPrometheusBackend({ url: server.url, timeoutMs: 300 }).summary(
        selector(TEST_METRICS.requests, ["beta"]),
        window,
      ),
    );
    expect(error.message).toBe(`Prometheus at ${server.url} did not answer within 0.3 s`);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("refuses answers that are not Prometheus API responses, and redirects", async () => {
    const backend = createPrometheusBackend({ url: server.url });
    const query = () => backend.summary(selector(TEST_METRICS.requests, ["beta"]), window);

    fresh((response) => response.writeHead(200, { "Content-Type": "text/html" }).end("<html>Grafana</html>"));
    expect((await backendError(query())).message).toContain("answered with something other than JSON");

    fresh(json(200, { hello: "world" }));
    expect((await backendError(query())).message).toContain("answered JSON that is not a Prometheus query result");

    fresh((response) => response.writeHead(502, { "Content-Type": "text/html" }).end("<html>bad gateway</html>"));
    expect((await backendError(query())).message).toBe(`Prometheus at ${server.url} answered HTTP 502 Bad Gateway`);

    fresh((response) => response.writeHead(302, { Location: "https://login.example.test/" }).end());
    expect((await backendError(query())).message).toBe(
      `Prometheus at ${server.url} answered HTTP 302, a redirect to https://login.example.test/; configure the final URL`,
    );
  });

  it("refuses a bad URL, a metric without a query and an unsafe template before sending anything", async () => {
    fresh(success({ resultType: "vector", result: [] }));
    const bad = await backendError(
      createPrometheusBackend({ url: "not a url" }).summary(selector(TEST_METRICS.requests, ["beta"]), window),
    );
    expect(bad.message).toBe("The Prometheus URL is not a valid URL");

    const backend = createPrometheusBackend({ url: server.url });
    const builtin = { ...TEST_METRICS.requests, source: "builtin" as const, query: null };
    expect((await backendError(backend.summary(selector(builtin, ["beta"]), window))).message).toBe(
      'Metric "requests" has no PromQL query',
    );

    const unsafe = { ...TEST_METRICS.requests, query: 'sum(x{release="$release",cohort=$cohort,variant="$variant"})' };
    expect(
      (await backendError(backend.series(selector(unsafe, ["beta"]), { ...window, stepSeconds: 60 }))).message,
    ).toBe('Metric "requests": PromQL template: $cohort must sit inside a quoted label value, like cohort="$cohort"');
    expect(captured).toHaveLength(0);
  });
});
