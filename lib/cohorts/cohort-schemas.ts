import { z } from "zod";
import { cohortDefinitionSchema } from "@/lib/domain/cohort-rules";
import { teamSlugSchema } from "@/lib/validation/common-schemas";

export const cohortKeySchema = z
  .string()
  .trim()
  .min(1, "Key is required")
  .max(64, "Key must be at most 64 characters")
  .regex(
    /^[a-z0-9][a-z0-9._-]*$/,
    "Key may contain lowercase letters, digits, '.', '_' and '-', starting with a letter or digit",
  );

export const cohortFieldsSchema = z.object({
  teamSlug: teamSlugSchema,
  name: z.string().trim().min(1, "Name is required").max(120, "Name must be at most 120 characters"),
  description: z.string().trim().max(1000, "Description must be at most 1000 characters").default(""),
  definition: cohortDefinitionSchema,
});
