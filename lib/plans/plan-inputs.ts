import type { z } from "zod";
import type { advancePlanSchema } from "./advance-plan";
import type {
  createPlanSchema,
  planCommandSchema,
  templateSchema,
  updatePlanSchema,
  updateTemplateSchema,
} from "./plan-schemas";

// What the pages send to the plan use cases, typed from their schemas (the server still parses
// it). Types only, so client components can name them without pulling in the use cases.

export type CreatePlanInput = z.input<typeof createPlanSchema>;
export type UpdatePlanInput = z.input<typeof updatePlanSchema>;
export type PlanCommandActionInput = z.input<typeof planCommandSchema>;
export type AdvancePlanInput = z.input<typeof advancePlanSchema>;
export type CreateTemplateInput = z.input<typeof templateSchema>;
export type UpdateTemplateInput = z.input<typeof updateTemplateSchema>;
