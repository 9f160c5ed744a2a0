import { z } from "zod";
import { jsonColumn, parseRow } from "@/lib/db/parse-row";
import { isNamedRange } from "@/lib/metrics/chart-query";
import type { NamedRange } from "@/lib/metrics/choose-step";
import { EMBED_THEMES } from "./embed-schemas";

const keys = jsonColumn(z.array(z.string()));

/** An embed link's stored choices: the cohorts, metrics and framing origins (JSON lists), range and theme. */
export const embedLinkRowSchema = z.object({
  /** Empty: every cohort and everyone else. */
  cohortKeys: keys,
  /** Empty: every metric. */
  metricKeys: keys,
  allowedOrigins: keys,
  range: z.custom<NamedRange>((value) => typeof value === "string" && isNamedRange(value), "is not a named range"),
  theme: z.enum(EMBED_THEMES),
});

export function toEmbedLink<
  R extends {
    id: string;
    cohortKeys: string;
    metricKeys: string;
    allowedOrigins: string;
    range: string;
    theme: string;
  },
>(row: R) {
  return parseRow("EmbedLink", embedLinkRowSchema, row);
}
