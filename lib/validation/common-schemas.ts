import { z } from "zod";
import { MAX_BASIS_POINTS } from "@/lib/domain/percent";

export const teamSlugSchema = z.string().trim().min(1, "Team is required").max(64);
export const environmentKeySchema = z.string().trim().min(1, "Environment is required").max(64);

// What SDKs and applications send as keys (releases, cohorts, metrics): stable, URL-safe, case-sensitive.
export const keySchema = z
  .string()
  .trim()
  .min(1, "Key is required")
  .max(64, "Key must be at most 64 characters")
  .regex(
    /^[a-z0-9][a-z0-9._-]*$/,
    "Key may contain lowercase letters, digits, '.', '_' and '-', starting with a letter or digit",
  );

export const releaseKeySchema = keySchema;

export const basisPointsSchema = z
  .number({ error: "Percentage must be a number" })
  .refine((n) => Number.isFinite(n), "Percentage must be a number")
  .refine((n) => Number.isInteger(n), "Percentage allows at most two decimals")
  .refine((n) => n >= 0 && n <= MAX_BASIS_POINTS, "Percentage must be between 0% and 100%");

export const versionSchema = z.number({ error: "Version is required" }).int().positive();

export const changeCommentSchema = z.string().trim().max(1000, "Comment must be at most 1000 characters").default("");
