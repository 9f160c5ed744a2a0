import { z } from "zod";
import { NAMED_RANGES } from "@/lib/metrics/choose-step";
import { environmentKeySchema, releaseKeySchema, teamSlugSchema } from "@/lib/validation/common-schemas";
import { allowedOriginsSchema } from "./embed-origins";

export const EMBED_THEMES = ["light", "dark", "auto"] as const;
export type EmbedTheme = (typeof EMBED_THEMES)[number];
export const EMBED_RANGES = Object.keys(NAMED_RANGES) as (keyof typeof NAMED_RANGES)[];
export const MAX_EMBED_DAYS = 365;

const keyList = z.array(z.string().trim().min(1).max(64), { error: "Must be a list of keys" }).max(50, "At most 50");

// No server-only imports: the embed form checks these as you type.
export const embedFieldsSchema = z.object({
  name: z.string().trim().min(1, "Name is required").max(80, "Name must be at most 80 characters"),
  /** Empty: every cohort and everyone else. */
  cohortKeys: keyList.default([]),
  /** Empty: every metric. */
  metricKeys: keyList.default([]),
  range: z.enum(EMBED_RANGES as [string, ...string[]], { error: "Range must be one of 1h, 6h, 24h, 7d" }),
  theme: z.enum(EMBED_THEMES, { error: "Theme must be light, dark or auto" }),
  allowedOrigins: allowedOriginsSchema,
  /** Days until the link stops working; null: until revoked. */
  expiresInDays: z
    .number({ error: "Expiry must be a number of days" })
    .int("Expiry must be whole days")
    .min(1, "Expiry must be at least 1 day")
    .max(MAX_EMBED_DAYS, `Expiry must be at most ${MAX_EMBED_DAYS} days`)
    .nullable()
    .default(null),
});

export const createEmbedLinkSchema = embedFieldsSchema.extend({
  teamSlug: teamSlugSchema,
  releaseKey: releaseKeySchema,
  environmentKey: environmentKeySchema,
});

export type CreateEmbedLinkInput = z.input<typeof createEmbedLinkSchema>;
