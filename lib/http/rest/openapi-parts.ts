/** Building blocks of the OpenAPI document (openapi-document.ts), shared by its path groups. */

export type Json = Record<string, unknown>;

export const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

/** A JSON body; `examples` are named OpenAPI Example objects (`{ summary, value }`). */
export const jsonContent = (schema: Json, examples?: Record<string, { summary: string; value: unknown }>) => ({
  "application/json": { schema, ...(examples ? { examples } : {}) },
});

export type ErrorStatus = 400 | 401 | 403 | 404 | 409;

export const ERROR_RESPONSES: Record<ErrorStatus, [name: string, description: string]> = {
  400: [
    "BadRequest",
    "Malformed JSON (`invalid_json`) or invalid fields (`validation_failed`, with `fieldErrors` by field).",
  ],
  401: ["Unauthorized", "No API key, or an unknown or revoked one."],
  403: ["Forbidden", "The key's role may not do this (a viewer key changing a rollout), or it is an SDK key."],
  404: ["NotFound", "No such release, environment, plan or change request in the key's team."],
  409: [
    "Conflict",
    "The rollout changed since `expectedVersion` (with `current`), or the request was already decided.",
  ],
};

export function errors(...statuses: ErrorStatus[]) {
  return Object.fromEntries(
    statuses.map((s) => [String(s), { $ref: `#/components/responses/${ERROR_RESPONSES[s][0]}` }]),
  );
}

export const pathParam = (name: string, description: string) => ({
  name,
  in: "path",
  required: true,
  description,
  schema: { type: "string" },
});
export const RELEASE = pathParam("release", "Release key (what SDKs ask for)");
export const ENVIRONMENT = pathParam("environment", "Environment key, e.g. `production`");

/** A 202: held for approval, with the change request's Location and `schema` as the body. */
export const pendingResponse = (schema: string) => ({
  description: "Held for approval by the environment's policy: nothing was applied.",
  headers: { Location: { description: "/api/v1/change-requests/{id}", schema: { type: "string" } } },
  content: jsonContent(ref(schema)),
});
