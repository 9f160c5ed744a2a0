import { z } from "zod";
import { teamSlugSchema } from "@/lib/validation/common-schemas";

// No server-only imports: the settings form runs this as you type.

/** Empty means "no Prometheus": metrics with source prometheus then report it as unconfigured. */
export const prometheusUrlSchema = z
  .string()
  .trim()
  .max(2000, "URL must be at most 2000 characters")
  .transform((value, ctx) => {
    if (!value) return null;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "Enter a full URL such as http://prometheus:9090" });
      return z.NEVER;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      ctx.addIssue({ code: "custom", message: "URL must start with http:// or https://" });
      return z.NEVER;
    }
    // The URL is shown on the page and written to the audit log; secrets belong in the token.
    if (url.username || url.password) {
      ctx.addIssue({ code: "custom", message: "Put credentials in the token field, not in the URL" });
      return z.NEVER;
    }
    if (url.search || url.hash) {
      ctx.addIssue({
        code: "custom",
        message: "Enter the base URL only (no ?query or #fragment); /api/v1/… is appended to it",
      });
      return z.NEVER;
    }
    return url.toString().replace(/\/+$/, "");
  });

// Sent as "Authorization: Bearer <token>", so it must be one header-safe word.
export const prometheusTokenSchema = z
  .string()
  .trim()
  .max(4096, "Token must be at most 4096 characters")
  .regex(/^[\x21-\x7e]*$/, "Token must be printable ASCII without spaces")
  .nullish()
  .transform((v) => v || null);

export const prometheusSettingsSchema = z
  .object({
    teamSlug: teamSlugSchema,
    url: prometheusUrlSchema,
    /** Blank keeps the stored token: the page never has it to send back. */
    token: prometheusTokenSchema,
    clearToken: z.boolean({ error: "clearToken must be true or false" }).default(false),
  })
  .superRefine((value, ctx) => {
    if (value.token && value.clearToken) {
      ctx.addIssue({
        code: "custom",
        path: ["token"],
        message: "Either enter a new token or remove the stored one, not both",
      });
    }
  });
export type PrometheusSettingsInput = z.input<typeof prometheusSettingsSchema>;
