import { z } from "zod";
import { checkPromqlTemplate } from "@/lib/metrics/prometheus/promql-template";
import { BAD_DIRECTIONS, METRIC_KINDS, METRIC_SOURCES, type MetricKind } from "@/lib/metrics/metric-types";
import { keySchema, teamSlugSchema, versionSchema } from "@/lib/validation/common-schemas";

// No server-only imports: the metric form runs these same schemas as you type.

// What applications send as `metric` in observations: stable, URL-safe, like release keys.
export const metricKeySchema = keySchema;

const templateSchema = z
  .string()
  .trim()
  .max(4000, "Query must be at most 4000 characters")
  .nullish()
  .transform((v) => v || null);

export const metricFieldsSchema = z.object({
  name: z.string().trim().min(1, "Name is required").max(120, "Name must be at most 120 characters"),
  unit: z.string().trim().max(32, "Unit must be at most 32 characters").default(""),
  kind: z.enum(METRIC_KINDS, { error: "Kind must be one of error_rate, latency, count, mean" }),
  badDirection: z.enum(BAD_DIRECTIONS, { error: "Bad direction must be up or down" }),
  source: z.enum(METRIC_SOURCES, { error: "Source must be builtin or prometheus" }),
  query: templateSchema,
  sampleQuery: templateSchema,
});

type QueryFields = { kind: MetricKind; source: string; query: string | null; sampleQuery: string | null };

/**
 * A Prometheus metric is its query; a built-in one is fed by the ingest endpoint and a query on
 * it would be silently ignored, so it is refused instead.
 */
export function refineMetricQueries(value: QueryFields, ctx: z.RefinementCtx) {
  const issue = (path: "query" | "sampleQuery", message: string) =>
    ctx.addIssue({ code: "custom", path: [path], message });
  if (value.source !== "prometheus") {
    if (value.query)
      issue("query", "Only Prometheus metrics take a query; built-in metrics are sent to POST /api/v1/metrics");
    if (value.sampleQuery) issue("sampleQuery", "Only Prometheus metrics take a sample query");
    return;
  }
  if (!value.query) issue("query", "A Prometheus metric needs a PromQL query");
  else for (const problem of checkPromqlTemplate(value.query, value.kind)) issue("query", problem);
  if (value.sampleQuery)
    for (const problem of checkPromqlTemplate(value.sampleQuery, value.kind, "samples")) issue("sampleQuery", problem);
}

export const createMetricDefinitionSchema = metricFieldsSchema
  .extend({ teamSlug: teamSlugSchema, key: metricKeySchema })
  .superRefine(refineMetricQueries);
export type CreateMetricDefinitionInput = z.input<typeof createMetricDefinitionSchema>;

export const updateMetricDefinitionSchema = metricFieldsSchema
  .extend({ teamSlug: teamSlugSchema, metricKey: metricKeySchema, expectedVersion: versionSchema })
  .superRefine(refineMetricQueries);
export type UpdateMetricDefinitionInput = z.input<typeof updateMetricDefinitionSchema>;

/** What the form checks as you type: the fields a person fills in. */
export const metricFormSchema = metricFieldsSchema.extend({ key: metricKeySchema }).superRefine(refineMetricQueries);
