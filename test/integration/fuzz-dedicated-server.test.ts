import { afterAll, beforeAll, expect, it } from "vitest";
import { createSdkKey } from "@/lib/api-keys/create-api-key";
import { getDb } from "@/lib/db/client";
import { setRollout } from "@/lib/releases/set-rollout";
import { bodyCorpus, ingestCorpus, MALFORMED_SEGMENTS, UNDECODABLE_SEGMENTS } from "../fuzz/hostile-corpus";
import { ingestProblem, ofrepProblem } from "../fuzz/expected-answers";
import { createTeamFixture, type TeamFixture } from "../support/fixtures";
import { rawRequest, upload } from "../support/hostile-client";
import { startOfrepServerProcess, type OfrepServerProcess } from "../support/ofrep-server-child";
import { scenario } from "../support/scenario";
import { teamState } from "../support/team-state";
import { describeEachProvider } from "../support/test-database";

// The dedicated server as `npm run ofrep` runs it (a child process), fed the hostile corpus
// (test/fuzz): no answer may be a 5xx, the process may never exit, and nothing may be written
// but the metric items a case was meant to have accepted.
const OFREP_MAX = 64 * 1024;
const CONTEXT = {
  context: { targetingKey: "u-1", country: "DE", email: "kim@acme.test", plan: "free", age: 30, version: "2.1.0" },
};
const MB = 1024 * 1024;

describeEachProvider("fuzz: the dedicated OFREP server", (database) => {
  let fx: TeamFixture;
  let server: OfrepServerProcess;
  let auth: Record<string, string>;
  let before: Awaited<ReturnType<typeof teamState>>;
  const post = (path: string, body: string | Buffer, headers = auth) =>
    rawRequest(server.baseUrl, "POST", path, headers, body);
  const metricRows = (releaseKey: string) =>
    getDb().metricAggregate.count({
      where: { series: { environmentId: fx.environments.production.id, releaseKey, metricKey: "errors" } },
    });

  beforeAll(async () => {
    fx = await createTeamFixture();
    const build = scenario(fx);
    await build.rulesCohort("staff", {
      kind: "rules",
      conditions: [
        { attribute: "email", operator: "endsWith", values: ["@acme.test"] },
        { attribute: "email", operator: "matches", values: ["^[a-z]+@"] },
      ],
    });
    await build.rulesCohort("eu", {
      kind: "rules",
      conditions: [{ attribute: "country", operator: "in", values: ["DE", "FR"] }],
    });
    await build.rulesCohort("grown-ups", {
      kind: "rules",
      conditions: [
        { attribute: "age", operator: "gt", values: ["17"] },
        { attribute: "age", operator: "lt", values: ["1e300"] },
      ],
    });
    await build.rulesCohort("modern", {
      kind: "rules",
      conditions: [{ attribute: "version", operator: "semverGte", values: ["2.0.0"] }],
    });
    await build.keysCohort("beta", ["u-1", "__proto__"]);
    const checkout = await build.release("checkout");
    await setRollout(fx.actors.editor, {
      teamSlug: fx.team.slug,
      releaseKey: "checkout",
      environmentKey: "production",
      expectedVersion: 1,
      defaultBasisPoints: 1_000,
      cohorts: { staff: 10_000, eu: 5_000, "grown-ups": 2_500 },
    });
    await build.command(checkout.id, "checkout", "production", "start");
    for (const key of ["fuzz-refused", "fuzz-either", "fuzz-sentinel"]) await build.release(key);
    await getDb().metricDefinition.create({
      data: { teamId: fx.team.id, key: "errors", name: "Errors", kind: "error_rate", badDirection: "up", position: 1 },
    });
    auth = {
      authorization: `Bearer ${(await createSdkKey(fx.actors.admin, { teamSlug: fx.team.slug, environmentKey: "production", name: "fuzz" })).key}`,
    };
    before = await teamState(fx.team.id);
    server = await startOfrepServerProcess(database.url);
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("path: a flag key that doesn't decode is a 400 OFREP error, with or without a key; any other is at most FLAG_NOT_FOUND", async () => {
    const problems: string[] = [];
    for (const segment of MALFORMED_SEGMENTS) {
      for (const headers of [auth, {}]) {
        const answer = await post(`/ofrep/v1/evaluate/flags/${segment}`, JSON.stringify(CONTEXT), headers);
        const undecodable = UNDECODABLE_SEGMENTS.includes(segment);
        const expected = undecodable ? 400 : headers === auth ? 404 : 401;
        if (answer.status !== expected)
          problems.push(
            `${segment.slice(0, 20)} ${headers === auth ? "with" : "without"} key: ${answer.status}, expected ${expected}`,
          );
        if (undecodable)
          expect(JSON.parse(answer.body)).toEqual({
            key: segment,
            errorCode: "GENERAL",
            errorDetails: "The flag key in the path is not valid percent-encoded UTF-8",
          });
      }
    }
    expect(problems).toEqual([]);
  });

  it("bodies: every wrong type, extreme number, prototype key and broken body answers in OFREP's shape, single and bulk", async () => {
    const problems: string[] = [];
    for (const flagKey of ["checkout", null]) {
      for (const c of bodyCorpus(CONTEXT, OFREP_MAX)) {
        const problem = ofrepProblem(
          await post(`/ofrep/v1/evaluate/flags${flagKey ? `/${flagKey}` : ""}`, c.body),
          flagKey,
        );
        if (problem) problems.push(`${flagKey ?? "bulk"} ${c.name}: ${problem}`);
      }
    }
    expect(problems).toEqual([]);
    // Nothing the corpus sent leaked into later evaluations (no prototype pollution).
    const plain = JSON.parse(
      (await post("/ofrep/v1/evaluate/flags/checkout", JSON.stringify({ context: { targetingKey: "someone-else" } })))
        .body,
    );
    expect(plain.metadata.cohort).toBe("default");
    expect(JSON.parse((await post("/ofrep/v1/evaluate/flags/checkout", '{"context":{}}')).body).errorCode).toBe(
      "TARGETING_KEY_MISSING",
    );
  });

  it("huge bodies, declared or chunked, with or without a key: refused long before their end, on every route", async () => {
    const problems: string[] = [];
    for (const path of [
      "/ofrep/v1/evaluate/flags/checkout",
      "/ofrep/v1/evaluate/flags",
      "/api/v1/metrics",
      "/nowhere",
    ]) {
      for (const declareLength of [false, true]) {
        for (const headers of [{}, auth]) {
          const answer = await upload(`${server.baseUrl}${path}`, {
            headers,
            totalBytes: 150 * 1_000_000,
            declareLength,
          });
          const expected = path === "/nowhere" ? 404 : headers === auth ? 413 : 401;
          const what = `${path} ${declareLength ? "declared" : "chunked"} ${headers === auth ? "with" : "without"} key`;
          if (answer.status !== expected)
            problems.push(`${what}: ${answer.status ?? answer.error}, expected ${expected}`);
          // The cap (≤ 1 MiB) plus the 8 MiB drained after the answer, plus socket buffers.
          if (answer.sentBeforeAnswer > 32 * MB)
            problems.push(`${what}: ${answer.sentBeforeAnswer} bytes sent before the answer`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect((await post("/ofrep/v1/evaluate/flags/checkout", JSON.stringify(CONTEXT))).status).toBe(200);
  });

  it("clients that give up mid-body, or speak broken HTTP, leave it serving", async () => {
    for (const path of ["/ofrep/v1/evaluate/flags/checkout", "/api/v1/metrics"]) {
      const abandoned = await upload(`${server.baseUrl}${path}`, {
        headers: auth,
        totalBytes: 60_000,
        declareLength: true,
        chunkBytes: 1_000,
        abortAfter: 30_000,
      });
      expect(abandoned.status).toBeNull();
    }
    const broken = await rawRequest(
      server.baseUrl,
      "POST",
      "/ofrep/v1/evaluate/flags/checkout",
      { ...auth, "content-length": "12", "transfer-encoding": "chunked" },
      "x",
    ).catch((error: Error) => ({ status: 0, body: error.message }));
    expect(broken.status === 0 || broken.status === 400).toBe(true);
    expect((await rawRequest(server.baseUrl, "GET", "/healthz")).status).toBe(200);
  });

  it("ingest: hostile batches are refused whole; only items a case was meant to have accepted are kept", async () => {
    const problems: string[] = [];
    const corpus = ingestCorpus({
      metric: "errors",
      refused: { release: "fuzz-refused", cohort: "eu" },
      either: { release: "fuzz-either", cohort: "eu" },
      now: Date.now(),
    });
    for (const c of corpus) {
      const problem = ingestProblem(await post("/api/v1/metrics", c.body), c.mustReject);
      if (problem) problems.push(`${c.name}: ${problem}`);
    }
    expect(problems).toEqual([]);
    const sentinel = await post(
      "/api/v1/metrics",
      JSON.stringify({
        observations: [{ metric: "errors", release: "fuzz-sentinel", cohort: "default", variant: "control", value: 0 }],
      }),
    );
    expect(JSON.parse(sentinel.body)).toMatchObject({ accepted: 1, rejected: 0 });
  });

  it("afterwards: the process never exited, needed no last resort, and wrote nothing but accepted metrics", async () => {
    expect(server.exited()).toBe(false);
    expect((await rawRequest(server.baseUrl, "GET", "/healthz")).status).toBe(200);
    // SIGTERM flushes what the server buffered, so the metric tables are final once it exits.
    expect(await server.stop()).toBe(0);
    expect(server.stderr()).not.toMatch(/\[http\]|\[server\]|\[metrics\] unexpected/);
    expect(await metricRows("fuzz-sentinel")).toBeGreaterThan(0);
    expect(await metricRows("fuzz-refused")).toBe(0);
    expect(await teamState(fx.team.id)).toEqual(before);
  });
});
