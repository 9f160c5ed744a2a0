import { z } from "zod";
import { changeCommentSchema, teamSlugSchema } from "@/lib/validation/common-schemas";

export const changeRequestIdSchema = z.string().trim().min(1, "Change request is required").max(64);

export const decideChangeRequestSchema = z.object({
  teamSlug: teamSlugSchema,
  id: changeRequestIdSchema,
  comment: changeCommentSchema,
});

export type DecideChangeRequestInput = z.input<typeof decideChangeRequestSchema>;
