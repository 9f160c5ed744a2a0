import { z } from "zod";
import { MAX_ALLOW_ENTRIES, parseAllowEntry, type AllowEntry } from "@/lib/outbound/allow-list";
import { teamSlugSchema } from "@/lib/validation/common-schemas";

const storedSchema = z.array(z.string());

/** The team's stored list, as entries; a line that no longer parses allows nothing. */
export function parseStoredAllowList(json: string | null | undefined): AllowEntry[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json ?? "[]");
  } catch {
    return [];
  }
  const lines = storedSchema.safeParse(raw);
  if (!lines.success) return [];
  return lines.data.flatMap((line) => {
    const entry = parseAllowEntry(line);
    return typeof entry === "string" ? [] : [entry];
  });
}

/** The stored list as the lines an admin typed (normalised). */
export function allowListLines(json: string | null | undefined): string[] {
  return parseStoredAllowList(json).map((entry) => entry.text);
}

/** One entry per line (commas work too); blank lines are ignored, duplicates kept once. */
export const setWebhookAllowListSchema = z.object({
  teamSlug: teamSlugSchema,
  entries: z
    .string({ error: "Entries must be text, one per line" })
    .max(20_000, "At most 20,000 characters")
    .transform((text, ctx) => {
      const lines = [
        ...new Set(
          text
            .split(/[\n,]/)
            .map((l) => l.trim())
            .filter(Boolean),
        ),
      ];
      if (lines.length > MAX_ALLOW_ENTRIES) {
        ctx.addIssue({ code: "custom", message: `At most ${MAX_ALLOW_ENTRIES} entries` });
        return z.NEVER;
      }
      const entries: AllowEntry[] = [];
      for (const line of lines) {
        const entry = parseAllowEntry(line);
        if (typeof entry === "string") ctx.addIssue({ code: "custom", message: entry });
        else if (!entries.some((e) => e.text === entry.text)) entries.push(entry);
      }
      return entries.map((e) => e.text);
    }),
});
export type SetWebhookAllowListInput = z.input<typeof setWebhookAllowListSchema>;
