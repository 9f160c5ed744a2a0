import { z } from "zod";
import { CHANGE_REQUEST_KINDS, CHANGE_REQUEST_STATUSES } from "@/lib/change-requests/change-request-view";
import { cohortDefinitionSchema } from "@/lib/domain/cohort-rules";
import { RELEASE_STATUSES, ROLLOUT_COMMANDS } from "@/lib/domain/rollout-state";
import { changeCommentSchema, versionSchema } from "@/lib/validation/common-schemas";

/*
 * The automation API's wire format, once: request bodies are parsed with these schemas and
 * the OpenAPI document (lib/http/rest/openapi-document.ts) is generated from them, so the two
 * can't drift. Percentages travel as percent (0–100, at most two decimals) — what a person
 * writes in a pipeline — and are converted to the stored basis points on the way in.
 */

/** Named schemas: each becomes components.schemas.<id> in the OpenAPI document. */
export const restSchemas = z.registry<{ id: string }>();

const dateTime = () => z.string().meta({ format: "date-time" });

export const percentSchema = z
  .number({ error: "Percentage must be a number" })
  .min(0, "Percentage must be between 0 and 100")
  .max(100, "Percentage must be between 0 and 100")
  .multipleOf(0.01, "Use at most two decimals (e.g. 12.25)")
  .meta({ description: "A percentage of users, 0–100 with at most two decimals.", examples: [12.5] });

const cohortKeySchema = z.string().min(1).max(64);

// ---- requests -------------------------------------------------------------------------------

// Strict objects: a misspelt field ("defualt") is refused instead of silently ignored.
export const setPercentagesBodySchema = z
  .strictObject({
    expectedVersion: versionSchema.meta({
      description: "The rollout version you read; a stale one is refused with 409 and the current rollout.",
    }),
    default: percentSchema
      .optional()
      .meta({ description: "Everyone else (users in no cohort with its own percentage). Omitted: unchanged." }),
    cohorts: z
      .record(cohortKeySchema, percentSchema.nullable())
      .optional()
      .meta({
        description:
          "Cohort key → percentage. Cohorts not mentioned keep their value; null removes the cohort's own percentage so it follows `default`.",
        examples: [{ beta: 25, "internal-staff": 100, "free-tier": null }],
      }),
    comment: changeCommentSchema
      .optional()
      .meta({ description: "Shown to approvers when the change needs approval, and kept with the request." }),
  })
  .refine((body) => body.default !== undefined || (body.cohorts && Object.keys(body.cohorts).length > 0), {
    message: "Give `default`, `cohorts` or both",
    path: ["cohorts"],
  })
  .register(restSchemas, { id: "SetPercentagesRequest" });

export const commandBodySchema = z
  .strictObject({
    expectedVersion: versionSchema.meta({
      description: "The rollout version you read; a stale one is refused with 409.",
    }),
    comment: changeCommentSchema.optional(),
  })
  .register(restSchemas, { id: "CommandRequest" });

// Roll back is the safety valve: no version check, never waits for approval, body optional.
export const rollbackBodySchema = z
  .strictObject({
    expectedVersion: versionSchema
      .optional()
      .meta({ description: "Accepted and ignored: a roll back always applies to the current state." }),
    comment: changeCommentSchema.optional(),
  })
  .register(restSchemas, { id: "RollbackRequest" });

export const cancelBodySchema = z
  .strictObject({ comment: changeCommentSchema.optional() })
  .register(restSchemas, { id: "CancelRequest" });

export const restCommandSchema = z.enum(ROLLOUT_COMMANDS);
export type RestCommand = z.infer<typeof restCommandSchema>;

// ---- responses ------------------------------------------------------------------------------

export const percentagesSchema = z
  .object({
    default: percentSchema.meta({ description: "Everyone else." }),
    cohorts: z
      .record(z.string(), percentSchema)
      .meta({ description: "Only cohorts with their own percentage; any other cohort follows `default`." }),
  })
  .register(restSchemas, { id: "Percentages" });

const rolloutStateShape = {
  status: z.enum(RELEASE_STATUSES),
  version: z.number().int().meta({ description: "Send it back as `expectedVersion` to change this rollout." }),
  percentages: percentagesSchema,
  updatedAt: dateTime(),
  updatedBy: z.string().nullable(),
};

export const rolloutSchema = z
  .object({
    release: z.string().meta({ description: "Release key" }),
    environment: z.string().meta({ description: "Environment key" }),
    ...rolloutStateShape,
  })
  .meta({ description: "A release's rollout in one environment." })
  .register(restSchemas, { id: "Rollout" });

const namedSchema = z.object({ key: z.string(), name: z.string() });

export const releaseSummarySchema = z
  .object({
    key: z.string(),
    name: z.string(),
    description: z.string(),
    owner: z.string().nullable(),
    rollout: z.object(rolloutStateShape),
  })
  .register(restSchemas, { id: "ReleaseSummary" });

export const releaseListSchema = z
  .object({ environment: namedSchema, releases: z.array(releaseSummarySchema) })
  .meta({ description: "The team's releases as seen in one environment, most recently changed first." })
  .register(restSchemas, { id: "ReleaseList" });

export const releaseDetailSchema = z
  .object({
    key: z.string(),
    name: z.string(),
    description: z.string(),
    owner: z.string().nullable(),
    critical: z.boolean(),
    createdAt: dateTime(),
    rollouts: z
      .array(z.object({ environment: namedSchema, ...rolloutStateShape }))
      .meta({ description: "One per environment, in the team's order." }),
  })
  .register(restSchemas, { id: "Release" });

export const cohortSchema = z
  .object({
    key: z.string(),
    name: z.string(),
    description: z.string(),
    priority: z.number().int().meta({ description: "Lower is checked first; the first matching cohort decides." }),
    definition: cohortDefinitionSchema,
    updatedAt: dateTime(),
  })
  .register(restSchemas, { id: "Cohort" });

export const cohortListSchema = z
  .object({ cohorts: z.array(cohortSchema) })
  .register(restSchemas, { id: "CohortList" });

export const changeRequestSchema = z
  .object({
    id: z.string(),
    kind: z.enum(CHANGE_REQUEST_KINDS),
    status: z.enum(CHANGE_REQUEST_STATUSES),
    reasons: z.array(z.string()).meta({ description: "Why the environment's approval policy holds the change." }),
    summary: z.string(),
    changes: z
      .array(
        z.object({
          key: z.string().meta({ description: 'Cohort key, or "default" for everyone else' }),
          name: z.string(),
          from: percentSchema.nullable(),
          to: percentSchema.nullable(),
        }),
      )
      .meta({
        description:
          "Old → new per cohort for set_rollout; empty for status changes. null: the cohort follows everyone else.",
      }),
    comment: z.string(),
    requestedBy: z.string(),
    reviewedBy: z.string().nullable(),
    reviewComment: z.string().nullable(),
    baseVersion: z.number().int().meta({
      description:
        "The rollout version (or, for a cohort request, the cohort version) the request was made against; if it moves on, the request goes stale.",
    }),
    createdAt: dateTime(),
    expiresAt: dateTime(),
    decidedAt: dateTime().nullable(),
    release: namedSchema
      .nullable()
      .meta({ description: "The release, for a rollout request; null for a cohort request." }),
    environment: namedSchema.nullable().meta({
      description:
        "The environment, for a rollout request; null for a cohort request (it applies in every environment).",
    }),
    cohort: namedSchema
      .nullable()
      .meta({ description: "The cohort, for a cohort request (edit, reorder, archive); null otherwise." }),
  })
  .register(restSchemas, { id: "ChangeRequest" });

export const changeRequestListSchema = z
  .object({
    pending: z.array(changeRequestSchema),
    decided: z.array(changeRequestSchema).meta({ description: "The 20 most recently decided." }),
  })
  .register(restSchemas, { id: "ChangeRequestList" });

export const mutationResultSchema = z
  .object({
    changed: z.boolean().meta({ description: "false: the rollout already had these values (nothing was written)." }),
    rollout: rolloutSchema,
  })
  .register(restSchemas, { id: "RolloutChanged" });

export const pendingApprovalSchema = z
  .object({ changeRequest: changeRequestSchema, rollout: rolloutSchema })
  .meta({
    description:
      "The change was held for approval: nothing was applied, `rollout` is unchanged. Follow the Location header (the change request) to see it decided.",
  })
  .register(restSchemas, { id: "PendingApproval" });

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().meta({
        examples: [
          "validation_failed",
          "invalid_json",
          "unauthenticated",
          "forbidden",
          "not_found",
          "conflict",
          "internal",
        ],
      }),
      message: z.string(),
      fieldErrors: z
        .record(z.string(), z.array(z.string()))
        .optional()
        .meta({ description: "400 only: field (dotted path) → messages." }),
      current: rolloutSchema.optional().meta({ description: "409 on a rollout only: what the rollout is now." }),
    }),
  })
  .register(restSchemas, { id: "Error" });

export type RestRollout = z.infer<typeof rolloutSchema>;
export type RestReleaseSummary = z.infer<typeof releaseSummarySchema>;
export type RestReleaseDetail = z.infer<typeof releaseDetailSchema>;
export type RestCohort = z.infer<typeof cohortSchema>;
export type RestChangeRequest = z.infer<typeof changeRequestSchema>;
export type RestError = z.infer<typeof errorSchema>;
