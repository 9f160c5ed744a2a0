import { z } from "zod";
import { cohortDefinitionSchema } from "@/lib/domain/cohort-rules";
import { keySchema, teamSlugSchema } from "@/lib/validation/common-schemas";

export const cohortKeySchema = keySchema;

export const cohortFieldsSchema = z.object({
  teamSlug: teamSlugSchema,
  name: z.string().trim().min(1, "Name is required").max(120, "Name must be at most 120 characters"),
  description: z.string().trim().max(1000, "Description must be at most 1000 characters").default(""),
  definition: cohortDefinitionSchema,
});
