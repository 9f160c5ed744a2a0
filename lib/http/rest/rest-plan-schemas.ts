import { z } from "zod";
import { PLAN_STATUSES } from "@/lib/domain/plans/plan-types";
import { guardrailSpecSchema, planCommandSchema, planGuardrailsSchema, planStepSchema } from "@/lib/plans/plan-schemas";
import { changeCommentSchema, keySchema, versionSchema } from "@/lib/validation/common-schemas";
import { changeRequestSchema, errorSchema, percentSchema, restSchemas, rolloutSchema } from "./rest-schemas";

/*
 * Rollout plans on the automation API's wire. The rules are the use case's own
 * (lib/plans/plan-schemas.ts: field by field, and the use case parses again, so the
 * whole-plan checks — only the last step promotes, no metric twice — are made there once);
 * what differs here is the API's convention: targets in percent, unknown fields refused by name.
 */

export const PLAN_COMMANDS = ["start", "pause", "resume", "skip", "continue", "cancel"] as const;
export const planCommandNameSchema = z.enum(PLAN_COMMANDS);
export type RestPlanCommand = z.infer<typeof planCommandNameSchema>;

const dateTime = () => z.string().meta({ format: "date-time" });
const step = planStepSchema.shape;

const targetsSchema = z.record(z.string().trim().min(1).max(64), percentSchema).meta({
  description:
    'Cohort key (`"default"` for everyone else) → percent at this step. A cohort left out keeps what the step before gave it.',
  examples: [{ default: 5, "internal-staff": 100 }],
});

const stepFields = {
  targets: targetsSchema,
  bakeMinutes: step.bakeMinutes.meta({
    description: "Minimum time at this step before the next, and only once the guardrails call it healthy.",
  }),
  waitForPerson: step.waitForPerson.meta({
    description: "After the bake, wait for a person (or `POST …/plan/continue`) before the next step.",
  }),
  notBefore: step.notBefore.meta({ description: "Don't take this step before this time." }),
  promote: step.promote.meta({ description: "Promote to everyone at this step (last step only)." }),
};

const guard = guardrailSpecSchema.shape;
const guardrailFields = {
  ...planGuardrailsSchema.shape,
  metrics: z
    .array(
      z.strictObject({
        ...guard,
        metricKey: guard.metricKey.meta({ description: "Key of one of the team's metrics." }),
        quantile: guard.quantile.meta({ description: "Latency metrics only: the guarded quantile." }),
        tolerance: z.strictObject(guard.tolerance.shape).meta({
          description:
            "How much worse than control is harm: `absolute` a difference of rates (0.005 = 0.5 points), `relative` a ratio (0.1 = 10% worse).",
        }),
      }),
    )
    .max(10, "At most 10 guardrail metrics")
    .default([]),
};

// ---- requests (strict: a misspelt "waitForPersn" is refused, not silently left at false) ---------

export const planDefinitionBodySchema = z
  .strictObject({
    steps: z.array(z.strictObject(stepFields)).min(1, "A plan needs at least one step").max(20, "At most 20 steps"),
    guardrails: z
      .strictObject(guardrailFields)
      .optional()
      .meta({ description: "Left out: no guardrail metrics and the default error budget." }),
  })
  .meta({
    description: "Ordered steps and the guardrails that judge them. Only the last step may promote.",
    examples: [
      {
        steps: [
          { targets: { default: 5 }, bakeMinutes: 30 },
          { targets: { default: 50 }, bakeMinutes: 30, waitForPerson: true },
          { targets: { default: 100 }, bakeMinutes: 0, promote: true },
        ],
        guardrails: {
          metrics: [{ metricKey: "error-rate", tolerance: { kind: "absolute", value: 0.005 } }],
        },
      },
    ],
  })
  .register(restSchemas, { id: "PlanDefinitionInput" });
export type RestPlanDefinitionBody = z.infer<typeof planDefinitionBodySchema>;

const planIdSchema = planCommandSchema.shape.planId.meta({ description: "The plan's `id`, as read." });
const planVersionSchema = versionSchema.meta({
  description: "The plan's `version` you read; a stale one is refused with 409 and the current plan.",
});

export const createPlanBodySchema = z
  .strictObject({
    templateKey: keySchema.optional().meta({ description: "A template of the team (`GET /plan-templates`)." }),
    definition: planDefinitionBodySchema
      .optional()
      .meta({ description: "The steps outright; with `templateKey`, these replace the template's." }),
  })
  .meta({ description: "Give `templateKey`, `definition` or both.", examples: [{ templateKey: "careful" }] })
  .register(restSchemas, { id: "CreatePlanRequest" });

export const updatePlanBodySchema = z
  .strictObject({
    planId: planIdSchema,
    expectedVersion: planVersionSchema,
    definition: planDefinitionBodySchema.meta({
      description:
        "The whole plan. Steps already taken must stay as they were; the rest is judged by the policy again.",
    }),
    comment: changeCommentSchema.optional(),
  })
  .register(restSchemas, { id: "UpdatePlanRequest" });

export const planCommandBodySchema = z
  .strictObject({
    planId: planIdSchema,
    expectedVersion: planVersionSchema,
    comment: changeCommentSchema
      .optional()
      .meta({ description: "Kept in the audit trail, and with the change request if one is needed." }),
  })
  .meta({ examples: [{ planId: "cm4q2x7pl0003", expectedVersion: 1, comment: "deploy 2026.11.28-3" }] })
  .register(restSchemas, { id: "PlanCommandRequest" });

// ---- responses (open objects: a field added later breaks no client) ------------------------------

export const planStepViewSchema = z.object(stepFields).register(restSchemas, { id: "PlanStep" });

const metricVerdictSchema = z.object({
  metricKey: z.string(),
  state: z.enum(["waiting", "healthy", "inconclusive", "breach"]),
  estimate: z.number().nullable().meta({ description: "Treatment minus control (absolute) or their ratio − 1." }),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  tolerance: z.object({ kind: z.enum(["absolute", "relative"]), value: z.number() }),
  samples: z.object({ treatment: z.number(), control: z.number() }),
  needed: z.number().nullable().meta({ description: "Samples still needed for a verdict, when known." }),
  words: z.string().meta({ description: "The verdict in words, as the release page shows it." }),
});

export const planVerdictsSchema = z
  .object({
    at: dateTime().nullable().meta({ description: "When the controller last judged; null before it has." }),
    cohorts: z.array(
      z.object({
        cohortKey: z.string().meta({ description: 'Cohort key, or "default" for everyone else.' }),
        percent: percentSchema.meta({ description: "What the cohort was getting when judged." }),
        metrics: z.array(metricVerdictSchema),
        sampleRatio: z
          .object({
            mismatch: z.boolean(),
            observedShare: z.number().nullable(),
            expectedShare: z.number(),
            samples: z.object({ treatment: z.number(), control: z.number() }),
          })
          .nullable()
          .meta({ description: "Whether the users reaching treatment match the percentage (a broken split)." }),
      }),
    ),
  })
  .meta({ description: "The guardrails' last verdict per cohort × metric." })
  .register(restSchemas, { id: "PlanVerdicts" });

const named = z.object({ key: z.string(), name: z.string() });

export const planSchema = z
  .object({
    id: z.string(),
    status: z.enum(PLAN_STATUSES).meta({
      description:
        "`draft` (not started; a start waiting for approval leaves it so), `running`, `paused`, `held` (until a person continues or resumes it); then `finished`, `rolled_back` or `cancelled`.",
    }),
    statusLabel: z.string(),
    version: z.number().int().meta({ description: "Send it back as `expectedVersion` to change this plan." }),
    release: named,
    environment: named,
    definition: z.object({
      steps: z.array(planStepViewSchema),
      guardrails: z.object({
        ...guardrailFields,
        metrics: z.array(
          z.object({
            ...guard,
            quantile: z.number().nullable().meta({ description: "Latency metrics only: the guarded quantile." }),
          }),
        ),
      }),
    }),
    currentStep: z.number().int().meta({ description: "0-based; -1 before the first step." }),
    stepStartedAt: dateTime().nullable(),
    waitingFor: z.string().nullable().meta({ description: 'In words, e.g. "Baking step 2 of 5: 12 min left".' }),
    heldReason: z.string().nullable(),
    backendFailingSince: dateTime().nullable(),
    verdicts: planVerdictsSchema,
    templateName: z.string().nullable(),
    createdBy: z.string(),
    createdAt: dateTime(),
    startedAt: dateTime().nullable(),
    endedAt: dateTime().nullable(),
    lastTickAt: dateTime().nullable(),
  })
  .meta({ description: "A release's rollout plan in one environment. Targets are percent." })
  .register(restSchemas, { id: "Plan" });

export const releasePlanSchema = z
  .object({
    plan: planSchema,
    pendingChangeRequest: z
      .object({ id: z.string(), kind: z.enum(["plan_start", "plan_update", "plan_skip"]), requestedBy: z.string() })
      .nullable()
      .meta({ description: "A request about the plan waiting for approval (`GET /change-requests/{id}`)." }),
  })
  .register(restSchemas, { id: "ReleasePlan" });

export const planResultSchema = z.object({ plan: planSchema }).register(restSchemas, { id: "PlanResult" });

export const planPendingApprovalSchema = z
  .object({ changeRequest: changeRequestSchema, plan: planSchema })
  .meta({
    description:
      "Held for approval: nothing was applied, `plan` is unchanged. Follow the Location header (the change request) to see it decided.",
  })
  .register(restSchemas, { id: "PlanPendingApproval" });

export const planTemplateListSchema = z
  .object({
    templates: z.array(
      z.object({
        key: z.string(),
        name: z.string(),
        description: z.string(),
        definition: planSchema.shape.definition,
        version: z.number().int(),
        updatedAt: dateTime(),
        updatedBy: z.string().nullable(),
      }),
    ),
  })
  .register(restSchemas, { id: "PlanTemplateList" });

export const planErrorSchema = z
  .object({
    error: errorSchema.shape.error.extend({
      current: z.union([planSchema, rolloutSchema]).optional().meta({
        description:
          "409 on a stale version or an active plan: the plan as it is now (a rollout, should the release have moved under the step).",
      }),
    }),
  })
  .register(restSchemas, { id: "PlanError" });

export type RestPlan = z.infer<typeof planSchema>;
export type RestReleasePlan = z.infer<typeof releasePlanSchema>;
export type RestPlanTemplateList = z.infer<typeof planTemplateListSchema>;
