import { z } from "zod";
import { jsonColumn, parseRow } from "@/lib/db/parse-row";
import type { PlanDefinition } from "@/lib/domain/plans/plan-types";
import type { PlanPercentages } from "@/lib/domain/plans/plan-percentages";
import { planDefinitionSchema } from "./plan-schemas";

/**
 * What a plan request stores in `proposed`: the table when the plan ends (so the approvals
 * page shows old → new like any rollout request), the plan it is about and the version it was
 * judged against, and for plan_update the new definition.
 */
export type PlanRequestProposal = PlanPercentages & {
  planId: string;
  planVersion: number;
  definition?: PlanDefinition;
};

const proposalSchema = z.object({
  proposed: jsonColumn(
    z.object({
      defaultBasisPoints: z.number().int(),
      cohorts: z.record(z.string(), z.number().int()),
      planId: z.string(),
      planVersion: z.number().int(),
      definition: planDefinitionSchema.optional(),
    }),
  ),
});

export function planRequestPayload(row: { id: string; proposed: string }): PlanRequestProposal {
  return parseRow("ChangeRequest", proposalSchema, row).proposed;
}
