import { createHash, randomBytes } from "node:crypto";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import type { z } from "zod";
import {
  planErrorSchema,
  planPendingApprovalSchema,
  planResultSchema,
  planTemplateListSchema,
  releasePlanSchema,
  type RestPlan,
} from "@/lib/http/rest/rest-plan-schemas";
import { changeRequestSchema, errorSchema, rolloutSchema } from "@/lib/http/rest/rest-schemas";
import { E2E_SDK_KEY } from "@/scripts/e2e/e2e-constants";
import { sql } from "../support/database";
import { expect, signInAs, test } from "../support/fixtures";

/*
 * Rollout plans over the automation API against the real server: what a pipeline does after a
 * deploy (make a plan from a template, start it, read its verdicts), the commands, every error
 * status, and production's approval policy holding the start. On a release of its own in the
 * demo team (staging has no policy, production has the demo's), so other specs never see it.
 */

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const newKey = () => `gp_admin_${[...randomBytes(32)].map((b) => ALPHABET[b % 62]).join("")}`;
const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

type Keys = { editor: string; viewer: string; otherTeam: string };
let release = "";
let keys: Keys;

async function insertKey(project: string, teamSlug: string, role: "viewer" | "editor", name: string) {
  const key = newKey();
  await sql(
    project,
    `INSERT INTO "ApiKey" ("id", "teamId", "kind", "role", "name", "prefix", "hash", "createdByName")
     VALUES ($1, (SELECT "id" FROM "Team" WHERE "slug" = $2), 'admin', $3, $4, $5, $6, 'e2e')`,
    [`e2e-${randomBytes(8).toString("hex")}`, teamSlug, role, name, `${key.slice(0, 13)}…`, sha256(key)],
  );
  return key;
}

async function call(request: APIRequestContext, method: string, path: string, key?: string, data?: unknown) {
  return request.fetch(path, {
    method,
    headers: key ? { authorization: `Bearer ${key}` } : {},
    ...(data === undefined ? {} : { data }),
    failOnStatusCode: false,
  });
}

/** The body, checked against the same zod schema the OpenAPI document is made of. */
async function body<S extends z.ZodType>(response: APIResponse, schema: S): Promise<z.infer<S>> {
  const json = await response.json();
  const parsed = schema.safeParse(json);
  expect(
    parsed.success,
    `${response.url()} ${response.status()}: ${JSON.stringify(json)} — ${parsed.error?.message}`,
  ).toBe(true);
  return parsed.data as z.infer<S>;
}

async function expectError(response: APIResponse, status: number, code: string) {
  expect(response.status(), `${response.url()}: ${await response.text()}`).toBe(status);
  const { error } = await body(response, planErrorSchema);
  expect(error.code).toBe(code);
  return error;
}

const rolloutPath = (env: string) => `/api/v1/releases/${release}/environments/${env}`;
const planPath = (env: string) => `${rolloutPath(env)}/plan`;
const commandBody = (plan: RestPlan, comment?: string) => ({
  planId: plan.id,
  expectedVersion: plan.version,
  ...(comment ? { comment } : {}),
});

async function readPlan(request: APIRequestContext, env: string) {
  return body(await call(request, "GET", planPath(env), keys.editor), releasePlanSchema);
}

async function readRollout(request: APIRequestContext, env: string) {
  return body(await call(request, "GET", rolloutPath(env), keys.editor), rolloutSchema);
}

/** What a refused call could have touched. The controller's bookkeeping (verdicts, last tick) is left out. */
async function observable(request: APIRequestContext) {
  const state = [];
  for (const env of ["staging", "production"]) {
    const read = await call(request, "GET", planPath(env), keys.editor);
    const plan = read.status() === 200 ? (await body(read, releasePlanSchema)).plan : null;
    state.push({
      plan: plan && { id: plan.id, status: plan.status, version: plan.version, currentStep: plan.currentStep },
      rollout: await readRollout(request, env),
    });
  }
  return state;
}

test.describe("rollout plans over the automation API", () => {
  test.describe.configure({ mode: "serial" });

  test.beforeAll(async ({ browser }, testInfo) => {
    const project = testInfo.project.name;
    const stamp = `${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
    release = `e2e-plan-${stamp}`;
    const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
    const page = await context.newPage();
    await signInAs(page, "Ada Admin", "/teams/acme/releases/new?env=production");
    await page.getByLabel("Name", { exact: true }).fill(`REST plan release ${stamp}`);
    await page.getByLabel("Key", { exact: true }).fill(release);
    await page.getByRole("button", { name: "Create release" }).click();
    await expect(page).toHaveURL(new RegExp(`/releases/${release}\\?env=production`));
    await context.close();
    keys = {
      editor: await insertKey(project, "acme", "editor", `deploy ${stamp}`),
      viewer: await insertKey(project, "acme", "viewer", `read-only ${stamp}`),
      otherTeam: await insertKey(project, "platform", "editor", `platform ${stamp}`),
    };
  });

  test("the team's templates, targets in percent", async ({ request }) => {
    const { templates } = await body(
      await call(request, "GET", "/api/v1/plan-templates", keys.viewer),
      planTemplateListSchema,
    );
    expect(templates.map((t) => t.key)).toEqual(expect.arrayContaining(["careful", "quick"]));
    const careful = templates.find((t) => t.key === "careful")!;
    expect(careful.definition.steps.map((s) => s.targets.default)).toEqual([1, 5, 25, 50, 100]);
    expect(careful.definition.steps.at(-1)).toMatchObject({ promote: true });
    const theirs = await body(
      await call(request, "GET", "/api/v1/plan-templates", keys.otherTeam),
      planTemplateListSchema,
    );
    expect(theirs.templates.map((t) => t.key)).not.toContain("careful");
  });

  test("a pipeline makes a plan from a template after a deploy, starts it, and reads its verdicts", async ({
    request,
  }) => {
    await expectError(await call(request, "GET", planPath("staging"), keys.editor), 404, "not_found");

    const created = await call(request, "POST", planPath("staging"), keys.editor, { templateKey: "careful" });
    expect(created.status()).toBe(201);
    expect(created.headers()["location"]).toBe(planPath("staging"));
    const { plan } = await body(created, planResultSchema);
    expect(plan).toMatchObject({
      status: "draft",
      currentStep: -1,
      templateName: "Careful",
      release: { key: release },
      environment: { key: "staging", name: "Staging" },
      createdBy: expect.stringMatching(/ \(API key\)$/),
      startedAt: null,
    });
    expect(plan.definition.steps[0]).toMatchObject({ targets: { default: 1 }, bakeMinutes: 30 });

    // One plan at a time: the second answers 409 with the one there is.
    const again = await expectError(
      await call(request, "POST", planPath("staging"), keys.editor, { templateKey: "quick" }),
      409,
      "conflict",
    );
    expect(again.current).toEqual(plan);

    const started = await call(
      request,
      "POST",
      `${planPath("staging")}/start`,
      keys.editor,
      commandBody(plan, "deploy 42"),
    );
    expect(started.status()).toBe(200);
    const running = (await body(started, planResultSchema)).plan;
    expect(running).toMatchObject({ id: plan.id, status: "running", currentStep: 0 });
    expect(running.version).toBeGreaterThan(plan.version);
    expect(running.startedAt).not.toBeNull();
    // The first step was taken through the rollout: the draft started at 1%.
    expect(await readRollout(request, "staging")).toMatchObject({
      status: "rolling",
      percentages: { default: 1 },
      updatedBy: expect.stringMatching(/ \(API key\)$/),
    });

    const read = await readPlan(request, "staging");
    expect(read.pendingChangeRequest).toBeNull();
    expect(read.plan).toMatchObject({ id: plan.id, status: "running", version: running.version, currentStep: 0 });

    // The controller (ticking every second on the e2e servers) judges the step: its verdicts
    // read back per cohort × guardrail metric, the cohort's share in percent. Bookkeeping
    // doesn't move the plan's version, so a pipeline's next command still applies.
    await expect
      .poll(async () => (await readPlan(request, "staging")).plan.verdicts.at, { timeout: 20_000 })
      .not.toBeNull();
    const judged = (await readPlan(request, "staging")).plan;
    expect(judged.version).toBe(running.version);
    const everyoneElse = judged.verdicts.cohorts.find((c) => c.cohortKey === "default");
    expect(everyoneElse?.percent).toBe(1);
    expect(everyoneElse?.metrics.map((m) => m.metricKey).sort()).toEqual(["error-rate", "latency"]);
  });

  test("bad bodies are 400 naming the field, a stale version 409 with the plan as it is, 413 past the cap", async ({
    request,
  }) => {
    const before = await observable(request);
    const { plan } = await readPlan(request, "staging");

    const stale = await expectError(
      await call(request, "POST", `${planPath("staging")}/pause`, keys.editor, {
        planId: plan.id,
        expectedVersion: plan.version - 1,
      }),
      409,
      "conflict",
    );
    expect(stale.current).toMatchObject({ id: plan.id, version: plan.version, status: "running" });

    const steps = plan.definition.steps;
    const put = (definition: unknown) =>
      call(request, "PUT", planPath("staging"), keys.editor, { ...commandBody(plan), definition });
    const tooMuch = await expectError(
      await put({ steps: [steps[0], { targets: { default: 150 }, bakeMinutes: 30 }] }),
      400,
      "validation_failed",
    );
    expect(Object.keys(tooMuch.fieldErrors ?? {})).toEqual(["definition.steps.1.targets.default"]);
    const misspelt = await expectError(
      await put({ steps: [steps[0], { targets: { default: 50 }, bakeMinutes: 30, waitForPersn: true }] }),
      400,
      "validation_failed",
    );
    expect(misspelt.fieldErrors).toEqual({ "definition.steps.1.waitForPersn": ["Unknown field"] });
    const taken = await expectError(
      await put({ steps: [{ ...steps[0], bakeMinutes: 5 }, ...steps.slice(1)] }),
      400,
      "validation_failed",
    );
    expect(Object.keys(taken.fieldErrors ?? {})).toEqual(["definition.steps.0"]);
    const unknownCohort = await expectError(
      await put({ steps: [steps[0], { targets: { "no-such-cohort": 10 }, bakeMinutes: 30 }] }),
      400,
      "validation_failed",
    );
    expect(unknownCohort.fieldErrors).toEqual({
      "definition.steps.1.targets.no-such-cohort": ['Unknown cohort "no-such-cohort"'],
    });

    const noVersion = await expectError(
      await call(request, "POST", `${planPath("staging")}/start`, keys.editor, {}),
      400,
      "validation_failed",
    );
    expect(Object.keys(noVersion.fieldErrors ?? {}).sort()).toEqual(["expectedVersion", "planId"]);
    const noBody = await expectError(
      await call(request, "POST", planPath("production"), keys.editor),
      400,
      "validation_failed",
    );
    expect(Object.keys(noBody.fieldErrors ?? {})).toEqual(["body"]);
    const neither = await expectError(
      await call(request, "POST", planPath("production"), keys.editor, {}),
      400,
      "validation_failed",
    );
    expect(Object.keys(neither.fieldErrors ?? {})).toEqual(["templateKey"]);
    const unknownTemplate = await expectError(
      await call(request, "POST", planPath("production"), keys.editor, { templateKey: "no-such-template" }),
      400,
      "validation_failed",
    );
    expect(unknownTemplate.fieldErrors).toEqual({ templateKey: ['Unknown template "no-such-template"'] });

    const huge = await request.fetch(planPath("production"), {
      method: "POST",
      headers: { authorization: `Bearer ${keys.editor}`, "content-type": "application/json" },
      data: Buffer.from(JSON.stringify({ templateKey: "careful", pad: "x".repeat(70 * 1024) })),
      failOnStatusCode: false,
    });
    await expectError(huge, 413, "payload_too_large");

    expect(await observable(request)).toEqual(before);
  });

  test("skip, change the steps still to come, pause, resume, cancel", async ({ request }) => {
    let { plan } = await readPlan(request, "staging");
    const run = async (command: string, status: number) => {
      const response = await call(request, "POST", `${planPath("staging")}/${command}`, keys.editor, commandBody(plan));
      expect(response.status(), `${command}: ${await response.text()}`).toBe(status);
      return response;
    };

    // Not waiting for a person: continue is refused, skip takes the next step now.
    await expectError(await run("continue", 409), 409, "conflict");
    plan = (await body(await run("skip", 200), planResultSchema)).plan;
    expect(plan).toMatchObject({ status: "running", currentStep: 1 });
    expect((await readRollout(request, "staging")).percentages.default).toBe(5);

    const definition = {
      steps: [...plan.definition.steps.slice(0, 2), { targets: { default: 100 }, bakeMinutes: 0, promote: true }],
      guardrails: plan.definition.guardrails,
    };
    const updated = await call(request, "PUT", planPath("staging"), keys.editor, {
      ...commandBody(plan),
      definition,
      comment: "fewer steps",
    });
    expect(updated.status(), await updated.text()).toBe(200);
    plan = (await body(updated, planResultSchema)).plan;
    expect(plan.definition.steps.map((s) => s.targets.default)).toEqual([1, 5, 100]);

    plan = (await body(await run("pause", 200), planResultSchema)).plan;
    expect(plan.status).toBe("paused");
    plan = (await body(await run("resume", 200), planResultSchema)).plan;
    expect(plan.status).toBe("running");
    plan = (await body(await run("cancel", 200), planResultSchema)).plan;
    expect(plan).toMatchObject({ status: "cancelled", endedAt: expect.any(String) });
    await expectError(await run("pause", 409), 409, "conflict");

    // The latest plan that ended still reads; the release keeps what it serves.
    expect((await readPlan(request, "staging")).plan).toMatchObject({ id: plan.id, status: "cancelled" });
    expect((await readRollout(request, "staging")).percentages.default).toBe(5);
  });

  test("production's approval policy holds the start: 202 with the change request's Location, nothing moves", async ({
    request,
  }) => {
    const created = await call(request, "POST", planPath("production"), keys.editor, { templateKey: "quick" });
    expect(created.status()).toBe(201);
    const { plan } = await body(created, planResultSchema);
    const rolloutBefore = await readRollout(request, "production");

    const held = await call(
      request,
      "POST",
      `${planPath("production")}/start`,
      keys.editor,
      commandBody(plan, "deploy 43"),
    );
    expect(held.status()).toBe(202);
    const pending = await body(held, planPendingApprovalSchema);
    expect(pending.changeRequest).toMatchObject({
      kind: "plan_start",
      status: "pending",
      comment: "deploy 43",
      requestedBy: expect.stringMatching(/ \(API key\)$/),
      release: { key: release },
      environment: { key: "production" },
    });
    expect(pending.changeRequest.reasons.length).toBeGreaterThan(0);
    expect(pending.plan).toEqual(plan);
    expect(held.headers()["location"]).toBe(`/api/v1/change-requests/${pending.changeRequest.id}`);
    const followed = await body(
      await call(request, "GET", held.headers()["location"]!, keys.editor),
      changeRequestSchema,
    );
    expect(followed).toEqual(pending.changeRequest);

    const read = await readPlan(request, "production");
    expect(read.plan).toMatchObject({ id: plan.id, status: "draft", version: plan.version });
    expect(read.pendingChangeRequest).toEqual({
      id: pending.changeRequest.id,
      kind: "plan_start",
      requestedBy: pending.changeRequest.requestedBy,
    });
    expect(await readRollout(request, "production")).toEqual(rolloutBefore);
    await expectError(
      await call(request, "POST", `${planPath("production")}/start`, keys.editor, commandBody(plan)),
      409,
      "conflict",
    );
  });

  test("no key 401, a viewer or SDK key 403, another team's key 404 on every plan mutation; nothing changes", async ({
    request,
  }) => {
    const before = await observable(request);
    const { plan } = await readPlan(request, "production");
    const mutations: [name: string, method: string, path: string, data: unknown][] = [
      ["create", "POST", planPath("staging"), { templateKey: "quick" }],
      ["update", "PUT", planPath("production"), { ...commandBody(plan), definition: plan.definition }],
      ...["start", "pause", "resume", "skip", "continue", "cancel"].map(
        (command) =>
          [command, "POST", `${planPath("production")}/${command}`, commandBody(plan)] as [
            string,
            string,
            string,
            unknown,
          ],
      ),
    ];
    const callers: [caller: string, key: string | undefined, status: number, code: string][] = [
      ["no key", undefined, 401, "unauthenticated"],
      ["an unknown key", newKey(), 401, "unauthenticated"],
      ["an SDK key", E2E_SDK_KEY, 403, "forbidden"],
      ["a viewer key", keys.viewer, 403, "forbidden"],
      ["another team's editor key", keys.otherTeam, 404, "not_found"],
    ];
    for (const [caller, key, status, code] of callers) {
      for (const [name, method, path, data] of mutations) {
        const response = await call(request, method, path, key, data);
        expect(response.status(), `${name} with ${caller}: ${await response.text()}`).toBe(status);
        expect((await body(response, errorSchema)).error.code).toBe(code);
        if (status === 401) expect(response.headers()["www-authenticate"]).toMatch(/^Bearer realm="glidepath"/);
      }
    }

    // A viewer key reads; the others are refused the same way.
    for (const path of [planPath("production"), "/api/v1/plan-templates"]) {
      expect((await call(request, "GET", path, keys.viewer)).status(), path).toBe(200);
      expect((await call(request, "GET", path)).status(), path).toBe(401);
      expect((await call(request, "GET", path, E2E_SDK_KEY)).status(), path).toBe(403);
    }
    await expectError(await call(request, "GET", planPath("production"), keys.otherTeam), 404, "not_found");
    await expectError(
      await call(request, "GET", `/api/v1/releases/${release}/environments/moon/plan`, keys.editor),
      404,
      "not_found",
    );

    // Commands of the rollout are not commands of the plan.
    for (const command of ["promote", "rollback", "launch"]) {
      const unknown = await expectError(
        await call(request, "POST", `${planPath("production")}/${command}`, keys.editor, commandBody(plan)),
        404,
        "not_found",
      );
      expect(unknown.message).toContain("start, pause, resume, skip, continue, cancel");
    }

    expect(await observable(request)).toEqual(before);
  });

  test("the OpenAPI document describes the plan endpoints", async ({ request }) => {
    const doc = await (await request.get("/api/v1/openapi.json")).json();
    const plan = "/releases/{release}/environments/{environment}/plan";
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([plan, `${plan}/start`, `${plan}/continue`, "/plan-templates"]),
    );
    expect(Object.keys(doc.paths[plan])).toEqual(["get", "post", "put"]);
  });
});
