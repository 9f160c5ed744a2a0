import { z } from "zod";
import { jsonColumn, parseRow } from "@/lib/db/parse-row";
import { PLAN_STATUSES, type PlanDefinition, type PlanStatus } from "@/lib/domain/plans/plan-types";
import { planGuardrailsSchema, planStepSchema } from "./plan-schemas";
import type { StoredVerdicts } from "./plan-view";

const verdictSchema = z.object({
  metricKey: z.string(),
  state: z.enum(["waiting", "healthy", "inconclusive", "breach"]),
  estimate: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  tolerance: z.object({ kind: z.enum(["absolute", "relative"]), value: z.number() }),
  samples: z.object({ treatment: z.number(), control: z.number() }),
  needed: z.number().nullable(),
  words: z.string(),
});

export const storedVerdictsSchema = z.object({
  at: z.string().nullable().default(null),
  cohorts: z
    .array(
      z.object({
        cohortKey: z.string(),
        basisPoints: z.number(),
        metrics: z.array(verdictSchema),
        sampleRatio: z
          .object({
            mismatch: z.boolean(),
            observedShare: z.number().nullable(),
            expectedShare: z.number(),
            samples: z.object({ treatment: z.number(), control: z.number() }),
          })
          .nullable(),
      }),
    )
    .default([]),
});

const planRowSchema = z.object({
  status: z.enum(PLAN_STATUSES),
  steps: jsonColumn(z.array(planStepSchema)),
  guardrails: jsonColumn(planGuardrailsSchema),
  verdicts: jsonColumn(storedVerdictsSchema),
  stoppedCohorts: jsonColumn(z.array(z.string())),
});

type PlanRowIn = {
  stoppedCohorts: string;
  id: string;
  status: string;
  steps: string;
  guardrails: string;
  verdicts: string;
};

/** A RolloutPlan row with its JSON columns parsed (CorruptRowError when they don't). */
export function toPlan<R extends PlanRowIn>(row: R) {
  const parsed = parseRow("RolloutPlan", planRowSchema, row);
  const definition: PlanDefinition = { steps: parsed.steps, guardrails: parsed.guardrails };
  return { ...parsed, status: parsed.status as PlanStatus, definition, verdicts: parsed.verdicts as StoredVerdicts };
}

const templateRowSchema = z.object({
  steps: jsonColumn(z.array(planStepSchema)),
  guardrails: jsonColumn(planGuardrailsSchema),
});

export function toPlanTemplate<R extends { id: string; steps: string; guardrails: string }>(row: R) {
  const parsed = parseRow("PlanTemplate", templateRowSchema, row);
  const definition: PlanDefinition = { steps: parsed.steps, guardrails: parsed.guardrails };
  return { ...parsed, definition };
}
