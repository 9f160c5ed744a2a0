import { z } from "zod";
import { keySchema } from "@/lib/validation/common-schemas";

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "A date like 2026-03-01")
  .refine(
    (text) =>
      !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text),
    "Not a date",
  );

/**
 * The audit log's filters as they arrive in the URL: release key, actor id, event code, a date
 * range (whole days, UTC, both ends included) and where the page starts (?after=, a cursor).
 */
export const auditQuerySchema = z.object({
  release: keySchema,
  actor: z.string().regex(/^[A-Za-z0-9_:.@-]{1,128}$/, "Not an actor id"),
  kind: z.string().regex(/^[a-z_]{1,40}(\.[a-z_]{1,40}){1,3}$/, "Not an event kind"),
  from: day,
  to: day,
  after: z.string().max(200),
});
export type AuditQuery = Partial<z.output<typeof auditQuerySchema>>;

/** How many entries a page of the audit log shows. */
export const AUDIT_PAGE_SIZE = 100;
