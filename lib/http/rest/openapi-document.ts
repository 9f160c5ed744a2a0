import { z } from "zod";
import { RELEASE_SORTS } from "@/lib/domain/release-list-filter";
import { RELEASE_STATUSES, ROLLOUT_COMMANDS, type RolloutCommand } from "@/lib/domain/rollout-state";
import {
  ENVIRONMENT,
  ERROR_RESPONSES,
  errors,
  jsonContent,
  pathParam,
  pendingResponse,
  ref,
  RELEASE,
  type Json,
} from "./openapi-parts";
import { PLAN_RESPONSES, planPaths } from "./openapi-plan-paths";
import { restSchemas } from "./rest-schemas";

/*
 * The OpenAPI 3.1 description of /api/v1, generated from the same zod schemas the handlers
 * parse with (lib/http/rest/rest-schemas.ts, rest-plan-schemas.ts). Served at /api/v1/openapi.json
 * without a key.
 */

const COMMAND_TEXT: Record<RolloutCommand, string> = {
  start: "Start rolling out a draft with its current percentages. May need approval (202).",
  pause: "Pause automation (plans, guardrails); percentages stay as they are.",
  resume: "Resume a paused rollout.",
  promote: "Promote to everyone. May need approval (202).",
  rollback:
    "Roll back: everyone gets the old code. Never waits for approval and never checks the version; the body is optional.",
  restart: "Restart a rolled-back release as a draft.",
};

function commandPath(command: RolloutCommand) {
  const rollback = command === "rollback";
  const mayWait = command === "start" || command === "promote";
  return {
    post: {
      operationId: `${command}Release`,
      tags: ["Rollouts"],
      summary: COMMAND_TEXT[command],
      parameters: [RELEASE, ENVIRONMENT],
      requestBody: { required: !rollback, content: jsonContent(ref(rollback ? "RollbackRequest" : "CommandRequest")) },
      responses: {
        "200": { description: "Applied.", content: jsonContent(ref("RolloutChanged")) },
        ...(mayWait ? { "202": pendingResponse("PendingApproval") } : {}),
        ...errors(400, 401, 403, 404, ...(rollback ? [] : ([409] as const))),
      },
    },
  };
}

function componentSchemas(): Record<string, Json> {
  // "input": request bodies as clients must send them (strict objects: no unknown fields);
  // response objects then stay open, so adding a field later breaks no client.
  const { schemas } = z.toJSONSchema(restSchemas, {
    io: "input",
    uri: (id) => `#/components/schemas/${id}`,
    unrepresentable: "any",
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _s, $id: _i, ...rest } = schema as Json;
      return [id, rest];
    }),
  );
}

export function openApiDocument(): Json {
  return {
    openapi: "3.1.0",
    info: {
      title: "Glidepath automation API",
      version: "1.0.0",
      description:
        "Read releases and cohorts, set rollout percentages, promote and roll back, and make and start rollout plans from CI/CD, through the same rules and approval policy as the dashboard. " +
        "Authenticate with an admin API key of your team (`Authorization: Bearer gp_admin_…`); a viewer key reads, an editor key also changes rollouts. " +
        "Percentages are percent, 0–100 with at most two decimals. See docs/rest-api.md.",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ adminKey: [] }],
    tags: [
      { name: "Releases" },
      { name: "Rollouts" },
      { name: "Plans", description: "Rollout plans: steps the controller takes, judged by guardrails." },
      { name: "Cohorts" },
      { name: "Change requests" },
    ],
    paths: {
      "/releases": {
        get: {
          operationId: "listReleases",
          tags: ["Releases"],
          summary: "The team's releases in one environment",
          parameters: [
            {
              name: "environment",
              in: "query",
              required: false,
              description: "Environment key; default `production` (else the last environment).",
              schema: { type: "string" },
            },
            {
              name: "q",
              in: "query",
              required: false,
              description: "Words that must all appear in the name or key (case- and accent-insensitive).",
              schema: { type: "string", maxLength: 100 },
            },
            {
              name: "status",
              in: "query",
              required: false,
              description: "Only releases with this status in the environment.",
              schema: { type: "string", enum: [...RELEASE_STATUSES] },
            },
            {
              name: "owner",
              in: "query",
              required: false,
              description: "Only releases owned by this member (user id), or `none` for releases nobody owns.",
              schema: { type: "string" },
            },
            {
              name: "sort",
              in: "query",
              required: false,
              description: "`changed` (default, most recent first), `name`, or `status` (rolling and paused first).",
              schema: { type: "string", enum: [...RELEASE_SORTS] },
            },
          ],
          responses: {
            "200": {
              description: "Releases, most recently changed first unless `sort` says otherwise.",
              content: jsonContent(ref("ReleaseList")),
            },
            ...errors(400, 401, 403, 404),
          },
        },
      },
      "/releases/{release}": {
        get: {
          operationId: "getRelease",
          tags: ["Releases"],
          summary: "One release with its rollout in every environment",
          parameters: [RELEASE],
          responses: {
            "200": { description: "The release.", content: jsonContent(ref("Release")) },
            ...errors(401, 403, 404),
          },
        },
      },
      "/releases/{release}/environments/{environment}": {
        get: {
          operationId: "getRollout",
          tags: ["Rollouts"],
          summary: "A release's rollout in one environment (its `version` is what changes are made against)",
          parameters: [RELEASE, ENVIRONMENT],
          responses: {
            "200": { description: "The rollout.", content: jsonContent(ref("Rollout")) },
            ...errors(401, 403, 404),
          },
        },
      },
      "/releases/{release}/environments/{environment}/percentages": {
        put: {
          operationId: "setPercentages",
          tags: ["Rollouts"],
          summary: "Set percentages (a partial update: cohorts not mentioned keep theirs)",
          description:
            "Applied at once (200), or held as a change request when the environment's approval policy covers the raise (202). " +
            "Sending the values the rollout already has answers 200 with `changed: false`. A stale `expectedVersion` answers 409 with the current rollout.",
          parameters: [RELEASE, ENVIRONMENT],
          requestBody: { required: true, content: jsonContent(ref("SetPercentagesRequest")) },
          responses: {
            "200": { description: "Applied (or nothing to change).", content: jsonContent(ref("RolloutChanged")) },
            "202": pendingResponse("PendingApproval"),
            ...errors(400, 401, 403, 404, 409),
          },
        },
      },
      ...Object.fromEntries(
        ROLLOUT_COMMANDS.map((command) => [
          `/releases/{release}/environments/{environment}/${command}`,
          commandPath(command),
        ]),
      ),
      ...planPaths(),
      "/cohorts": {
        get: {
          operationId: "listCohorts",
          tags: ["Cohorts"],
          summary: "The team's cohorts by priority (the first that matches decides)",
          responses: {
            "200": { description: "Cohorts.", content: jsonContent(ref("CohortList")) },
            ...errors(401, 403),
          },
        },
      },
      "/change-requests": {
        get: {
          operationId: "listChangeRequests",
          tags: ["Change requests"],
          summary: "Pending change requests and the most recently decided ones",
          parameters: [
            {
              name: "release",
              in: "query",
              required: false,
              description: "Only this release's requests.",
              schema: { type: "string" },
            },
            {
              name: "environment",
              in: "query",
              required: false,
              description: "Only this environment's requests.",
              schema: { type: "string" },
            },
          ],
          responses: {
            "200": { description: "Change requests.", content: jsonContent(ref("ChangeRequestList")) },
            ...errors(401, 403),
          },
        },
      },
      "/change-requests/{id}": {
        get: {
          operationId: "getChangeRequest",
          tags: ["Change requests"],
          summary: "One change request (poll it after a 202)",
          parameters: [pathParam("id", "Change request id")],
          responses: {
            "200": { description: "The change request.", content: jsonContent(ref("ChangeRequest")) },
            ...errors(401, 403, 404),
          },
        },
      },
      "/change-requests/{id}/cancel": {
        post: {
          operationId: "cancelChangeRequest",
          tags: ["Change requests"],
          summary: "Withdraw a pending request this key made",
          parameters: [pathParam("id", "Change request id")],
          requestBody: { required: false, content: jsonContent(ref("CancelRequest")) },
          responses: {
            "200": { description: "Cancelled.", content: jsonContent(ref("ChangeRequest")) },
            ...errors(400, 401, 403, 404, 409),
          },
        },
      },
    },
    components: {
      securitySchemes: {
        adminKey: {
          type: "http",
          scheme: "bearer",
          description: "An admin API key (`gp_admin_…`), created by a team admin on the API keys page.",
        },
      },
      responses: {
        ...Object.fromEntries(
          Object.values(ERROR_RESPONSES).map(([name, description]) => [
            name,
            {
              description,
              ...(name === "Unauthorized"
                ? {
                    headers: {
                      "WWW-Authenticate": { description: 'Bearer realm="glidepath"', schema: { type: "string" } },
                    },
                  }
                : {}),
              content: jsonContent(ref("Error")),
            },
          ]),
        ),
        ...PLAN_RESPONSES,
      },
      schemas: componentSchemas(),
    },
  };
}
