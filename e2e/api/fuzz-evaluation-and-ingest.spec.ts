import { E2E_SDK_KEY } from "@/scripts/e2e/e2e-constants";
import {
  bodyCorpus,
  ingestCorpus,
  MALFORMED_SEGMENTS,
  UNDECODABLE_SEGMENTS,
  type FuzzSeries,
} from "@/test/fuzz/hostile-corpus";
import { ingestProblem, ofrepProblem } from "@/test/fuzz/expected-answers";
import { rawRequest, upload } from "@/test/support/hostile-client";
import { expect, test } from "../support/fixtures";
import { seriesTotals, stillServing, writtenState } from "../support/fuzz";

/*
 * The hostile corpus (test/fuzz) against the dashboard's OFREP and ingest routes on the
 * production build: no 5xx, the server keeps answering, and nothing is written but the metric
 * items a case was meant to have accepted. The dedicated server gets the same corpus in
 * test/integration/fuzz-dedicated-server.test.ts.
 */

const AUTH = { authorization: `Bearer ${E2E_SDK_KEY}` };
const CONTEXT = {
  context: {
    targetingKey: "fuzz-1",
    country: "DE",
    email: "kim@acme.test",
    plan: "free",
    platform: "ios",
    version: "2.1.0",
  },
};
const MB = 1024 * 1024;
// A draft release nobody sends data for, split by cohort into what the corpus may write.
const REFUSED: FuzzSeries = { release: "pricing-page-2026", cohort: "us" };
const EITHER: FuzzSeries = { release: "pricing-page-2026", cohort: "eu" };
const SENTINEL: FuzzSeries = { release: "pricing-page-2026", cohort: "mobile" };

test.describe("fuzz: OFREP and metrics ingest on the dashboard", () => {
  test.describe.configure({ mode: "serial" });

  test("malformed flag keys are 400 OFREP errors; hostile bodies answer in OFREP's shape, single and bulk", async ({
    request,
    baseURL,
  }) => {
    const problems: string[] = [];
    for (const segment of MALFORMED_SEGMENTS) {
      const answer = await rawRequest(
        baseURL!,
        "POST",
        `/ofrep/v1/evaluate/flags/${segment}`,
        AUTH,
        JSON.stringify(CONTEXT),
      );
      const expected = UNDECODABLE_SEGMENTS.includes(segment) ? [400] : [404, 308];
      if (!expected.includes(answer.status))
        problems.push(`key ${segment.slice(0, 20)}: ${answer.status} ${answer.body.slice(0, 120)}`);
    }
    for (const flagKey of ["new-checkout", null]) {
      for (const c of bodyCorpus(CONTEXT, 64 * 1024)) {
        const response = await request.post(`/ofrep/v1/evaluate/flags${flagKey ? `/${flagKey}` : ""}`, {
          headers: { ...AUTH, "content-type": "application/json" },
          data: c.body,
          failOnStatusCode: false,
        });
        const problem = ofrepProblem({ status: response.status(), body: await response.text() }, flagKey);
        if (problem) problems.push(`${flagKey ?? "bulk"} ${c.name}: ${problem}`);
      }
    }
    expect(problems).toEqual([]);
    // Nothing the corpus sent leaked into later evaluations (no prototype pollution).
    const plain = await request.post("/ofrep/v1/evaluate/flags/new-checkout", {
      headers: AUTH,
      data: { context: { targetingKey: "fuzz-plain" } },
    });
    expect((await plain.json()).metadata.cohort).toBe("default");
  });

  test("hostile ingest batches are refused whole; only what a case may keep is stored", async ({
    request,
  }, testInfo) => {
    const project = testInfo.project.name;
    const before = {
      state: await writtenState(project),
      refused: await seriesTotals(project, "error-rate", REFUSED.release, REFUSED.cohort),
      sentinel: await seriesTotals(project, "error-rate", SENTINEL.release, SENTINEL.cohort),
    };
    const problems: string[] = [];
    for (const c of ingestCorpus({ metric: "error-rate", refused: REFUSED, either: EITHER, now: Date.now() })) {
      const response = await request.post("/api/v1/metrics", {
        headers: { ...AUTH, "content-type": "application/json" },
        data: c.body,
        failOnStatusCode: false,
      });
      const problem = ingestProblem({ status: response.status(), body: await response.text() }, c.mustReject);
      if (problem) problems.push(`${c.name}: ${problem}`);
    }
    expect(problems).toEqual([]);
    const sentinel = await request.post("/api/v1/metrics", {
      headers: AUTH,
      data: {
        observations: [
          { metric: "error-rate", release: SENTINEL.release, cohort: SENTINEL.cohort, variant: "control", value: 0 },
        ],
      },
    });
    expect(await sentinel.json()).toMatchObject({ accepted: 1 });
    // Buffered data is flushed every few seconds; once the sentinel is stored, so is all before it.
    await expect
      .poll(async () => (await seriesTotals(project, "error-rate", SENTINEL.release, SENTINEL.cohort)).observations, {
        timeout: 30_000,
      })
      .toBe(before.sentinel.observations + 1);
    expect(await seriesTotals(project, "error-rate", REFUSED.release, REFUSED.cohort)).toEqual(before.refused);
    expect(await writtenState(project)).toEqual(before.state);
  });

  test("huge bodies, declared or chunked, with or without a key, are refused long before their end", async ({
    request,
    baseURL,
  }) => {
    const problems: string[] = [];
    for (const [path, cap] of [
      ["/ofrep/v1/evaluate/flags/new-checkout", 64 * 1024],
      ["/ofrep/v1/evaluate/flags", 64 * 1024],
      ["/api/v1/metrics", MB],
    ] as const) {
      for (const headers of [{}, AUTH]) {
        const expected = headers === AUTH ? 413 : 401;
        // A little over the cap, declared: answered without reading, the rest drained by Node.
        const over = await upload(`${baseURL}${path}`, { headers, totalBytes: 2 * cap, declareLength: true });
        if (over.status !== expected) problems.push(`${path} ${2 * cap} declared: ${over.status ?? over.error}`);
        for (const declareLength of [false, true]) {
          // 150 MB: a route handler can't drain after its answer, so it closes the connection;
          // a client still sending may see the reset instead of the answer. Either way the
          // server stopped reading long before the end.
          const huge = await upload(`${baseURL}${path}`, { headers, totalBytes: 150 * 1_000_000, declareLength });
          if (huge.status !== expected && huge.status !== null)
            problems.push(`${path} 150 MB ${declareLength ? "declared" : "chunked"}: ${huge.status}`);
          if (huge.sentBeforeAnswer > 32 * MB)
            problems.push(
              `${path} 150 MB ${declareLength ? "declared" : "chunked"}: ${huge.sentBeforeAnswer} bytes sent first`,
            );
        }
      }
      const abandoned = await upload(`${baseURL}${path}`, {
        headers: AUTH,
        totalBytes: cap - 1_000,
        declareLength: true,
        chunkBytes: 1_000,
        abortAfter: cap / 2,
      });
      expect(abandoned.status).toBeNull();
    }
    expect(problems).toEqual([]);
    expect(await stillServing(request, E2E_SDK_KEY)).toEqual([200, 200]);
  });
});
