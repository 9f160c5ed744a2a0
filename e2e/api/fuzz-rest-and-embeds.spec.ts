import { E2E_SDK_KEY } from "@/scripts/e2e/e2e-constants";
import { bodyCorpus, MALFORMED_SEGMENTS, UNDECODABLE_SEGMENTS } from "@/test/fuzz/hostile-corpus";
import { serverErrorProblem } from "@/test/fuzz/expected-answers";
import { rawRequest, upload } from "@/test/support/hostile-client";
import { expect, test } from "../support/fixtures";
import { insertEditorKey, stillServing, writtenState } from "../support/fuzz";

/*
 * The hostile corpus (test/fuzz) against every path parameter of the automation API, the
 * chart data route and the embed routes, and against the automation API's bodies, on the
 * production build: no 5xx, undecodable paths are 400s in the API's format, nothing written.
 * The key is a real editor key, so requests get past authentication to parsing; every body's
 * version is one the rollout never had, so even a body that parses could not apply.
 */

const RELEASE = "pricing-page-2026";
const MB = 1024 * 1024;

/** Every route with a path parameter, with the parameter(s) set to `s`. */
const ROUTES: [method: string, path: (s: string) => string][] = [
  ["GET", (s) => `/api/v1/releases/${s}`],
  ["GET", (s) => `/api/v1/releases/${s}/environments/production`],
  ["GET", (s) => `/api/v1/releases/${RELEASE}/environments/${s}`],
  ["POST", (s) => `/api/v1/releases/${RELEASE}/environments/production/${s}`],
  ["PUT", (s) => `/api/v1/releases/${s}/environments/${s}/percentages`],
  ["GET", (s) => `/api/v1/releases/${s}/environments/${s}/plan`],
  ["POST", (s) => `/api/v1/releases/${RELEASE}/environments/production/plan/${s}`],
  ["PUT", (s) => `/api/v1/releases/${s}/environments/production/plan`],
  ["GET", (s) => `/api/v1/change-requests/${s}`],
  ["POST", (s) => `/api/v1/change-requests/${s}/cancel`],
  ["GET", (s) => `/api/v1/${s}`],
  ["GET", (s) => `/api/v1/releases?environment=${s}`],
  ["GET", (s) => `/api/v1/releases?q=${s}&status=${s}&owner=${s}&sort=${s}`],
  // Pages that read filters and a paging cursor from the query.
  ["GET", (s) => `/teams/acme/releases?q=${s}&status=${s}&owner=${s}&sort=${s}&env=${s}`],
  ["GET", (s) => `/teams/acme/audit?release=${s}&actor=${s}&kind=${s}&from=${s}&to=${s}&cursor=${s}`],
  ["GET", (s) => `/api/v1/change-requests?release=${s}&environment=${s}`],
  ["GET", (s) => `/api/teams/${s}/releases/${s}/metrics?env=${s}`],
  ["GET", (s) => `/api/teams/acme/releases/${RELEASE}/metrics?env=production&range=${s}&metrics=${s}&cohorts=${s}`],
  ["GET", (s) => `/embed/${s}`],
  ["GET", (s) => `/embed/${s}/chart.svg`],
  ["GET", (s) => `/embed/${s}/chart.png`],
];

test.describe("fuzz: automation API, chart data and embeds on the dashboard", () => {
  test.describe.configure({ mode: "serial" });
  let key: string;

  test.beforeAll(async ({}, testInfo) => {
    key = await insertEditorKey(testInfo.project.name, `fuzz ${Date.now().toString(36)}`);
  });

  test("every path parameter, decodable or not, as a key holder and as a signed-in viewer: never a 5xx, nothing written", async ({
    pageAs,
    baseURL,
  }, testInfo) => {
    const before = await writtenState(testInfo.project.name);
    // The chart data route needs a session: take a viewer's cookie to the raw requests.
    const viewer = await pageAs("Vic Viewer");
    const cookie = (await viewer.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const problems: string[] = [];
    for (const segment of MALFORMED_SEGMENTS) {
      for (const [method, path] of ROUTES) {
        const url = path(segment);
        const answer = await rawRequest(
          baseURL!,
          method,
          url,
          { authorization: `Bearer ${key}`, cookie },
          method === "GET" ? undefined : '{"expectedVersion":999999}',
        );
        const problem = serverErrorProblem(answer);
        if (problem) problems.push(`${method} ${url.slice(0, 90)}: ${problem}`);
        const inPath = !url.includes("?") || url.indexOf(segment) < url.indexOf("?");
        if (inPath && UNDECODABLE_SEGMENTS.includes(segment) && ![400, 404].includes(answer.status))
          problems.push(`${method} ${url.slice(0, 90)}: ${answer.status}, expected 400 (or 404 for an embed)`);
      }
    }
    expect(problems).toEqual([]);
    expect(await writtenState(testInfo.project.name)).toEqual(before);
  });

  test("hostile bodies for percentages and commands: 4xx in the API's error format, nothing written", async ({
    request,
  }, testInfo) => {
    const before = await writtenState(testInfo.project.name);
    const base = `/api/v1/releases/${RELEASE}/environments/production`;
    const targets: [string, string, Parameters<typeof bodyCorpus>[0]][] = [
      [
        "PUT",
        `${base}/percentages`,
        { expectedVersion: 999999, default: 10, cohorts: { "internal-staff": 50, "free-tier": null }, comment: "fuzz" },
      ],
      ["POST", `${base}/start`, { expectedVersion: 999999, comment: "fuzz" }],
      ["POST", `${base}/restore`, { expectedVersion: 999999, comment: "fuzz" }],
      ["POST", `${base}/plan/start`, { planId: "no-such-plan", expectedVersion: 999999, comment: "fuzz" }],
      [
        "PUT",
        `${base}/plan`,
        {
          planId: "no-such-plan",
          expectedVersion: 999999,
          definition: {
            steps: [{ targets: { default: 5, "internal-staff": 50 }, bakeMinutes: 30, promote: false }],
            guardrails: { metrics: [{ metricKey: "error-rate", tolerance: { kind: "absolute", value: 0.5 } }] },
          },
        },
      ],
      ["POST", `/api/v1/change-requests/no-such-request/cancel`, { comment: "fuzz" }],
    ];
    const problems: string[] = [];
    for (const [method, path, template] of targets) {
      for (const c of bodyCorpus(template, 64 * 1024)) {
        const response = await request.fetch(path, {
          method,
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
          data: c.body,
          failOnStatusCode: false,
        });
        const text = await response.text();
        if (response.status() >= 500)
          problems.push(`${method} ${path} ${c.name}: ${response.status()} ${text.slice(0, 200)}`);
        else if (!/^\{"error":\{"code":"[a-z_]+","message":/.test(text))
          problems.push(
            `${method} ${path} ${c.name}: ${response.status()} not in the API's error format: ${text.slice(0, 120)}`,
          );
      }
    }
    expect(problems).toEqual([]);
    expect(await writtenState(testInfo.project.name)).toEqual(before);
  });

  test("huge bodies to the automation API are cut off at 64 KiB", async ({ request, baseURL }) => {
    const url = `${baseURL}/api/v1/releases/${RELEASE}/environments/production/percentages`;
    const headers = { authorization: `Bearer ${key}` };
    const over = await upload(url, { method: "PUT", headers, totalBytes: 128 * 1024, declareLength: true });
    expect(over.status).toBe(413);
    expect(JSON.parse(over.body)).toEqual({
      error: { code: "payload_too_large", message: "The request body exceeds 65536 bytes" },
    });
    for (const declareLength of [false, true]) {
      for (const auth of [{}, headers]) {
        const huge = await upload(url, { method: "PUT", headers: auth, totalBytes: 150 * 1_000_000, declareLength });
        // As on the other routes: the answer, or a reset once the server stopped reading.
        expect([auth === headers ? 413 : 401, null]).toContain(huge.status);
        expect(huge.sentBeforeAnswer).toBeLessThan(32 * MB);
      }
    }
    expect(await stillServing(request, E2E_SDK_KEY)).toEqual([200, 200]);
  });
});
