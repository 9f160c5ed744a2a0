import { createHash, randomBytes } from "node:crypto";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import type { z } from "zod";
import {
  changeRequestSchema,
  cohortListSchema,
  errorSchema,
  mutationResultSchema,
  pendingApprovalSchema,
  releaseDetailSchema,
  releaseListSchema,
  rolloutSchema,
} from "@/lib/http/rest/rest-schemas";
import { E2E_SDK_KEY } from "@/scripts/e2e/e2e-constants";
import { sql } from "../support/database";
import { expect, signInAs, test } from "../support/fixtures";

/*
 * The automation API against the real server: an authorisation matrix (every kind of caller ×
 * every mutation, refused calls change nothing), then the happy path and every error status.
 * Runs on its own release in the demo team, so other specs never see it move.
 */

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const newKey = () => `gp_admin_${[...randomBytes(32)].map((b) => ALPHABET[b % 62]).join("")}`;
const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
// As Prisma's SQLite adapter stores DateTime (and PostgreSQL reads the same text).
const sqlNow = () => new Date().toISOString().replace("Z", "+00:00");

type Keys = { editor: string; viewer: string; revoked: string; otherTeam: string };
type World = { release: string; keys: Keys; changeRequestId: string; promoteRequestId: string };

let world: World;

async function insertKey(
  project: string,
  teamSlug: string,
  role: "viewer" | "editor",
  name: string,
  revoked = false,
): Promise<string> {
  const key = newKey();
  await sql(
    project,
    `INSERT INTO "ApiKey" ("id", "teamId", "kind", "role", "name", "prefix", "hash", "createdByName", "revokedAt")
     VALUES ($1, (SELECT "id" FROM "Team" WHERE "slug" = $2), 'admin', $3, $4, $5, $6, 'e2e', $7)`,
    [
      `e2e-${randomBytes(8).toString("hex")}`,
      teamSlug,
      role,
      name,
      `${key.slice(0, 13)}…`,
      sha256(key),
      revoked ? sqlNow() : null,
    ],
  );
  return key;
}

/** The policy the demo seed gives acme production; added here only if a database lacks it. */
async function ensureProductionPolicy(project: string) {
  await sql(
    project,
    `INSERT INTO "ApprovalPolicy" ("id", "environmentId", "cohortThresholdBasisPoints", "defaultAboveZero", "promote", "criticalReleases", "expiryMinutes", "version", "updatedAt")
     SELECT $1, e."id", 5000, true, true, true, 1440, 1, $2
     FROM "Environment" e JOIN "Team" t ON t."id" = e."teamId"
     WHERE t."slug" = 'acme' AND e."key" = 'production'
       AND NOT EXISTS (SELECT 1 FROM "ApprovalPolicy" p WHERE p."environmentId" = e."id")`,
    [`e2e-policy-${randomBytes(6).toString("hex")}`, sqlNow()],
  );
}

const auth = (key?: string): Record<string, string> => (key ? { authorization: `Bearer ${key}` } : {});

async function call(
  request: APIRequestContext,
  method: string,
  path: string,
  key?: string,
  data?: unknown,
): Promise<APIResponse> {
  return request.fetch(path, {
    method,
    headers: auth(key),
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

const base = () => `/api/v1/releases/${world.release}/environments/production`;

async function rollout(request: APIRequestContext) {
  return body(await call(request, "GET", base(), world.keys.editor), rolloutSchema);
}

/** Everything a refused call could have touched: the rollout and the release's change requests. */
async function observable(request: APIRequestContext) {
  const requests = await call(request, "GET", `/api/v1/change-requests?release=${world.release}`, world.keys.editor);
  expect(requests.status()).toBe(200);
  return { rollout: await rollout(request), changeRequests: await requests.json() };
}

// Every mutation of the API, with a body that would succeed for an editor key where the
// state allows it; the refusals under test all come before any state check.
const MUTATIONS: [name: string, method: string, path: () => string, data: (version: number) => unknown][] = [
  ["set percentages", "PUT", () => `${base()}/percentages`, (v) => ({ expectedVersion: v, cohorts: { eu: 1 } })],
  ["start", "POST", () => `${base()}/start`, (v) => ({ expectedVersion: v })],
  ["pause", "POST", () => `${base()}/pause`, (v) => ({ expectedVersion: v })],
  ["resume", "POST", () => `${base()}/resume`, (v) => ({ expectedVersion: v })],
  ["promote", "POST", () => `${base()}/promote`, (v) => ({ expectedVersion: v })],
  ["rollback", "POST", () => `${base()}/rollback`, () => ({})],
  ["restart", "POST", () => `${base()}/restart`, (v) => ({ expectedVersion: v })],
  ["restore", "POST", () => `${base()}/restore`, (v) => ({ expectedVersion: v })],
  ["cancel change request", "POST", () => `/api/v1/change-requests/${world.changeRequestId}/cancel`, () => ({})],
];

test.describe("automation REST API", () => {
  test.describe.configure({ mode: "serial" });

  test.beforeAll(async ({ browser }, testInfo) => {
    const project = testInfo.project.name;
    const stamp = `${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
    const release = `e2e-rest-${stamp}`;
    await ensureProductionPolicy(project);

    // Ada Admin creates the release and the editor key the way a person does.
    const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
    const page = await context.newPage();
    await signInAs(page, "Ada Admin", "/teams/acme/releases/new?env=production");
    await page.getByLabel("Name", { exact: true }).fill(`REST release ${stamp}`);
    await page.getByLabel("Key", { exact: true }).fill(release);
    await page.getByRole("button", { name: "Create release" }).click();
    await expect(page).toHaveURL(new RegExp(`/releases/${release}\\?env=production`));

    await page.goto("/teams/acme/api-keys");
    await page.getByLabel("Automation key name").fill(`deploy ${stamp}`);
    await page.getByLabel("Role").selectOption("editor");
    await page.getByRole("button", { name: "Create automation key" }).click();
    const editor = (await page.getByTestId("new-admin-api-key").textContent())!.trim();
    expect(editor).toMatch(/^gp_admin_[0-9A-Za-z]{32}$/);
    const row = page
      .getByRole("list", { name: "API keys" })
      .getByRole("listitem")
      .filter({ hasText: `deploy ${stamp}` });
    await expect(row).toContainText("Automation · editor");
    await expect(row).not.toContainText(editor);
    await context.close();

    const keys: Keys = {
      editor,
      viewer: await insertKey(project, "acme", "viewer", `read-only ${stamp}`),
      revoked: await insertKey(project, "acme", "editor", `revoked ${stamp}`, true),
      otherTeam: await insertKey(project, "platform", "editor", `platform ${stamp}`),
    };
    world = { release, keys, changeRequestId: "", promoteRequestId: "" };
  });

  test("an editor key ramps, waits for approval where the policy says, and rolls back without a version", async ({
    request,
  }) => {
    const { editor } = world.keys;
    const cohorts = await body(await call(request, "GET", "/api/v1/cohorts", editor), cohortListSchema);
    expect(cohorts.cohorts.map((c) => c.key)).toEqual(expect.arrayContaining(["eu", "beta-testers"]));

    const list = await body(
      await call(request, "GET", "/api/v1/releases?environment=production", editor),
      releaseListSchema,
    );
    expect(list.environment).toEqual({ key: "production", name: "Production" });
    expect(list.releases.find((r) => r.key === world.release)).toMatchObject({
      rollout: { status: "draft", version: 1, percentages: { default: 0, cohorts: {} } },
    });

    // Each command answers the rollout it left, whose version the next call is made against.
    let version = 1;
    for (const [command, status] of [
      ["start", "rolling"],
      ["pause", "paused"],
      ["resume", "rolling"],
    ] as const) {
      const response = await call(request, "POST", `${base()}/${command}`, editor, { expectedVersion: version });
      expect(response.status(), command).toBe(200);
      const result = await body(response, mutationResultSchema);
      expect(result).toMatchObject({ changed: true, rollout: { status, version: version + 1 } });
      version = result.rollout.version;
    }

    // 12.5% of eu is under production's 50% threshold: applied at once, by the key.
    const ramped = await call(request, "PUT", `${base()}/percentages`, editor, {
      expectedVersion: version,
      cohorts: { eu: 12.5, "beta-testers": 33.33 },
    });
    expect(ramped.status()).toBe(200);
    const applied = await body(ramped, mutationResultSchema);
    expect(applied).toMatchObject({
      changed: true,
      rollout: { version: version + 1, percentages: { default: 0, cohorts: { eu: 12.5, "beta-testers": 33.33 } } },
    });
    expect(applied.rollout.updatedBy).toMatch(/ \(API key\)$/);
    version = applied.rollout.version;

    // Everyone else above 0% in production needs a second person: 202, nothing applied.
    const held = await call(request, "PUT", `${base()}/percentages`, editor, {
      expectedVersion: version,
      default: 5,
      comment: "canary clean for 24 h",
    });
    expect(held.status()).toBe(202);
    const pending = await body(held, pendingApprovalSchema);
    expect(pending.changeRequest).toMatchObject({
      kind: "set_rollout",
      status: "pending",
      comment: "canary clean for 24 h",
      changes: [{ key: "default", from: 0, to: 5 }],
    });
    expect(pending.rollout).toEqual(applied.rollout);
    expect(held.headers()["location"]).toBe(`/api/v1/change-requests/${pending.changeRequest.id}`);
    const followed = await body(await call(request, "GET", held.headers()["location"]!, editor), changeRequestSchema);
    expect(followed).toEqual(pending.changeRequest);
    world.changeRequestId = pending.changeRequest.id;
    expect(await rollout(request)).toEqual(applied.rollout);

    const promote = await call(request, "POST", `${base()}/promote`, editor, { expectedVersion: version });
    expect(promote.status()).toBe(202);
    const promoteRequest = (await body(promote, pendingApprovalSchema)).changeRequest;
    expect(promoteRequest).toMatchObject({ kind: "promote", status: "pending" });
    world.promoteRequestId = promoteRequest.id;

    const detail = await body(
      await call(request, "GET", `/api/v1/releases/${world.release}`, editor),
      releaseDetailSchema,
    );
    expect(detail.rollouts.map((r) => [r.environment.key, r.status])).toEqual([
      ["staging", "draft"],
      ["production", "rolling"],
    ]);
  });

  test.describe("authorisation matrix: refused calls change nothing", () => {
    const CALLERS: [caller: string, key: () => string | undefined, status: number, code: string][] = [
      ["no key", () => undefined, 401, "unauthenticated"],
      ["an unknown key", () => newKey(), 401, "unauthenticated"],
      ["a revoked key", () => world.keys.revoked, 401, "unauthenticated"],
      ["an SDK key", () => E2E_SDK_KEY, 403, "forbidden"],
      ["a viewer key", () => world.keys.viewer, 403, "forbidden"],
      ["another team's editor key", () => world.keys.otherTeam, 404, "not_found"],
    ];

    for (const [caller, key, status, code] of CALLERS) {
      test(`${caller}: every mutation is ${status}`, async ({ request }) => {
        const before = await observable(request);
        for (const [name, method, path, data] of MUTATIONS) {
          const response = await call(request, method, path(), key(), data(before.rollout.version));
          expect(response.status(), `${name} with ${caller}`).toBe(status);
          const error = await body(response, errorSchema);
          expect(error.error.code, name).toBe(code);
          if (status === 401) expect(response.headers()["www-authenticate"], name).toMatch(/^Bearer realm="glidepath"/);
        }
        expect(await observable(request)).toEqual(before);
      });
    }

    test("reads: a viewer key reads, the others are refused the same way", async ({ request }) => {
      const reads = [
        `/api/v1/releases`,
        `/api/v1/releases/${world.release}`,
        base(),
        "/api/v1/cohorts",
        `/api/v1/change-requests/${world.changeRequestId}`,
      ];
      for (const path of reads) {
        expect((await call(request, "GET", path, world.keys.viewer)).status(), path).toBe(200);
        expect((await call(request, "GET", path)).status(), path).toBe(401);
        expect((await call(request, "GET", path, world.keys.revoked)).status(), path).toBe(401);
        expect((await call(request, "GET", path, E2E_SDK_KEY)).status(), path).toBe(403);
      }
      // Another team's key: the lists are its own team's, single things are not found.
      expect((await call(request, "GET", `/api/v1/releases/${world.release}`, world.keys.otherTeam)).status()).toBe(
        404,
      );
      expect(
        (await call(request, "GET", `/api/v1/change-requests/${world.changeRequestId}`, world.keys.otherTeam)).status(),
      ).toBe(404);
      const theirs = await body(
        await call(request, "GET", "/api/v1/releases", world.keys.otherTeam),
        releaseListSchema,
      );
      expect(theirs.releases.map((r) => r.key)).not.toContain(world.release);
    });
  });

  test("bad input is 400 naming the field; stale version 409 with the current rollout; unknown things 404", async ({
    request,
  }) => {
    const { editor } = world.keys;
    const { version } = await rollout(request);
    const before = await observable(request);

    const expectError = async (response: APIResponse, status: number, code: string) => {
      expect(response.status()).toBe(status);
      const parsed = await body(response, errorSchema);
      expect(parsed.error.code).toBe(code);
      return parsed.error;
    };

    const tooMuch = await expectError(
      await call(request, "PUT", `${base()}/percentages`, editor, {
        expectedVersion: version,
        default: 100.5,
        cohorts: { eu: 12.345 },
      }),
      400,
      "validation_failed",
    );
    expect(Object.keys(tooMuch.fieldErrors ?? {}).sort()).toEqual(["cohorts.eu", "default"]);
    const misspelt = await expectError(
      await call(request, "PUT", `${base()}/percentages`, editor, { expectedVersion: version, defualt: 5 }),
      400,
      "validation_failed",
    );
    expect(misspelt.fieldErrors).toMatchObject({ defualt: ["Unknown field"] });
    const noVersion = await expectError(
      await call(request, "POST", `${base()}/promote`, editor, {}),
      400,
      "validation_failed",
    );
    expect(Object.keys(noVersion.fieldErrors ?? {})).toEqual(["expectedVersion"]);
    const unknownCohort = await expectError(
      await call(request, "PUT", `${base()}/percentages`, editor, {
        expectedVersion: version,
        cohorts: { "no-such-cohort": 5 },
      }),
      400,
      "validation_failed",
    );
    expect(unknownCohort.fieldErrors).toEqual({ "cohorts.no-such-cohort": ["Unknown cohort"] });
    const notJson = await request.fetch(`${base()}/percentages`, {
      method: "PUT",
      headers: { ...auth(editor), "content-type": "application/json" },
      data: Buffer.from("{expectedVersion: 1"),
      failOnStatusCode: false,
    });
    await expectError(notJson, 400, "invalid_json");

    const stale = await expectError(
      await call(request, "PUT", `${base()}/percentages`, editor, {
        expectedVersion: version - 1,
        cohorts: { eu: 20 },
      }),
      409,
      "conflict",
    );
    expect(stale.current).toEqual(before.rollout);

    await expectError(await call(request, "GET", "/api/v1/releases/no-such-release", editor), 404, "not_found");
    await expectError(
      await call(request, "PUT", "/api/v1/releases/no-such-release/environments/production/percentages", editor, {
        expectedVersion: 1,
        default: 1,
      }),
      404,
      "not_found",
    );
    await expectError(
      await call(request, "POST", `/api/v1/releases/${world.release}/environments/moon/promote`, editor, {
        expectedVersion: version,
      }),
      404,
      "not_found",
    );
    // Another team's release, with this team's key.
    await expectError(await call(request, "GET", "/api/v1/releases/http3-edge", editor), 404, "not_found");
    await expectError(
      await call(request, "POST", "/api/v1/releases/http3-edge/environments/staging/rollback", editor),
      404,
      "not_found",
    );
    await expectError(
      await call(request, "POST", `${base()}/launch`, editor, { expectedVersion: version }),
      404,
      "not_found",
    );
    await expectError(await call(request, "GET", "/api/v1/no-such-endpoint", editor), 404, "not_found");

    expect(await observable(request)).toEqual(before);
  });

  test("the requester withdraws its request; roll back needs no version and no body, never waits, and ends what was pending", async ({
    request,
  }) => {
    const { editor } = world.keys;
    const cancel = await call(request, "POST", `/api/v1/change-requests/${world.promoteRequestId}/cancel`, editor, {
      comment: "not yet",
    });
    expect(cancel.status()).toBe(200);
    expect(await body(cancel, changeRequestSchema)).toMatchObject({ id: world.promoteRequestId, status: "cancelled" });
    const again = await call(request, "POST", `/api/v1/change-requests/${world.promoteRequestId}/cancel`, editor);
    expect(again.status()).toBe(409);
    expect((await body(again, errorSchema)).error.code).toBe("conflict");

    const rolledBack = await call(request, "POST", `${base()}/rollback`, editor);
    expect(rolledBack.status()).toBe(200);
    expect(await body(rolledBack, mutationResultSchema)).toMatchObject({
      changed: true,
      rollout: { status: "rolled_back" },
    });
    const held = await body(
      await call(request, "GET", `/api/v1/change-requests/${world.changeRequestId}`, editor),
      changeRequestSchema,
    );
    expect(held.status).toBe("cancelled");

    const { version } = await rollout(request);
    // Restore (undo of the roll back) is version-checked like any other command.
    const staleRestore = await call(request, "POST", `${base()}/restore`, editor, { expectedVersion: version - 1 });
    expect(staleRestore.status()).toBe(409);
    expect((await body(staleRestore, errorSchema)).error.code).toBe("conflict");
    const restarted = await call(request, "POST", `${base()}/restart`, editor, { expectedVersion: version });
    expect(restarted.status()).toBe(200);
    expect((await body(restarted, mutationResultSchema)).rollout.status).toBe("draft");
  });

  test("the OpenAPI document is public and describes these endpoints", async ({ request }) => {
    const response = await request.get("/api/v1/openapi.json");
    expect(response.status()).toBe(200);
    const doc = await response.json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/releases",
        "/releases/{release}/environments/{environment}/percentages",
        "/change-requests/{id}",
      ]),
    );
    expect(doc.components.securitySchemes.adminKey).toMatchObject({ type: "http", scheme: "bearer" });
  });
});
