import { z } from "zod";
import { EVERYONE_ELSE } from "@/lib/domain/plans/plan-types";
import { DEFAULT_PLAN_ALPHA } from "@/lib/domain/guardrails/alpha-budget";
import {
  basisPointsSchema,
  changeCommentSchema,
  environmentKeySchema,
  keySchema,
  releaseKeySchema,
  teamSlugSchema,
  versionSchema,
} from "@/lib/validation/common-schemas";

const WEEK_MINUTES = 7 * 24 * 60;

export const planStepSchema = z.object({
  // Cohort key (or "default" for everyone else) → target percentage in basis points.
  targets: z.record(z.string().trim().min(1).max(64), basisPointsSchema),
  bakeMinutes: z
    .number({ error: "Bake time must be a number of minutes" })
    .int("Bake time is whole minutes")
    .min(0, "Bake time can't be negative")
    .max(WEEK_MINUTES, "Bake time is at most a week"),
  waitForPerson: z.boolean().default(false),
  notBefore: z.iso.datetime({ offset: true, error: "Not before must be a date and time" }).nullable().default(null),
  promote: z.boolean().default(false),
});

export const guardrailSpecSchema = z.object({
  metricKey: keySchema,
  quantile: z
    .union([z.literal(0.5), z.literal(0.95), z.literal(0.99)], { error: "Quantile must be p50, p95 or p99" })
    .nullable()
    .default(null),
  tolerance: z.object({
    kind: z.enum(["absolute", "relative"], { error: "Tolerance is absolute (pp) or relative (%)" }),
    value: z
      .number({ error: "Tolerance must be a number" })
      .gt(0, "Tolerance must be above 0: with none, no step can ever be called healthy")
      .max(10, "Tolerance is at most +1000%"),
  }),
  onBreach: z.enum(["rollback", "zero_cohort"]).default("rollback"),
});

export const planGuardrailsSchema = z.object({
  metrics: z.array(guardrailSpecSchema).max(10, "At most 10 guardrail metrics").default([]),
  alpha: z
    .number({ error: "Error budget must be a number" })
    .gt(0, "Error budget must be above 0")
    .max(0.1, "Error budget is at most 10%")
    .default(DEFAULT_PLAN_ALPHA),
  outageAlertMinutes: z.number().int().min(1).max(WEEK_MINUTES).default(15),
  patienceBakes: z.number().int().min(1).max(100).default(3),
});

export const planDefinitionSchema = z
  .object({
    steps: z.array(planStepSchema).min(1, "A plan needs at least one step").max(20, "At most 20 steps"),
    guardrails: planGuardrailsSchema.default({
      metrics: [],
      alpha: DEFAULT_PLAN_ALPHA,
      outageAlertMinutes: 15,
      patienceBakes: 3,
    }),
  })
  .superRefine((plan, ctx) => {
    plan.steps.forEach((step, i) => {
      if (step.promote && i !== plan.steps.length - 1)
        ctx.addIssue({ code: "custom", path: ["steps", i, "promote"], message: "Only the last step may promote" });
      if (!step.promote && Object.keys(step.targets).length === 0)
        ctx.addIssue({ code: "custom", path: ["steps", i, "targets"], message: "A step sets at least one percentage" });
    });
    const seen = new Set<string>();
    plan.guardrails.metrics.forEach((m, i) => {
      if (seen.has(m.metricKey))
        ctx.addIssue({ code: "custom", path: ["guardrails", "metrics", i, "metricKey"], message: "Listed twice" });
      seen.add(m.metricKey);
    });
  });

export type PlanDefinitionInput = z.input<typeof planDefinitionSchema>;

const rolloutTarget = {
  teamSlug: teamSlugSchema,
  releaseKey: releaseKeySchema,
  environmentKey: environmentKeySchema,
};

export const createPlanSchema = z
  .object({
    ...rolloutTarget,
    templateKey: keySchema.optional(),
    definition: planDefinitionSchema.optional(),
  })
  .refine((input) => input.templateKey !== undefined || input.definition !== undefined, {
    message: "Choose a template or give the steps",
    path: ["templateKey"],
  });

export const planCommandSchema = z.object({
  ...rolloutTarget,
  planId: z.string().trim().min(1, "Plan is required").max(64),
  expectedVersion: versionSchema,
  comment: changeCommentSchema,
});

export const updatePlanSchema = planCommandSchema.extend({ definition: planDefinitionSchema });

export const templateSchema = z.object({
  teamSlug: teamSlugSchema,
  key: keySchema,
  name: z.string().trim().min(1, "Name is required").max(100, "Name must be at most 100 characters"),
  description: z.string().trim().max(500, "Description must be at most 500 characters").default(""),
  definition: planDefinitionSchema,
});

export const updateTemplateSchema = templateSchema.extend({ expectedVersion: versionSchema });

export { EVERYONE_ELSE };
