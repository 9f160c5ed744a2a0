import { z } from "zod";
import { parseRow } from "@/lib/db/parse-row";
import { BAD_DIRECTIONS, METRIC_KINDS, METRIC_SOURCES, type MetricDefinitionView } from "./metric-types";

// No server-only import: the flush worker maps its rows with this too.

export const metricDefinitionRowSchema = z.object({
  kind: z.enum(METRIC_KINDS),
  badDirection: z.enum(BAD_DIRECTIONS),
  source: z.enum(METRIC_SOURCES),
});

type MetricRow = {
  id: string;
  key: string;
  name: string;
  unit: string;
  kind: string;
  badDirection: string;
  source: string;
  query: string | null;
  sampleQuery: string | null;
};

export function toMetricDefinitionView(stored: MetricRow): MetricDefinitionView {
  const row = parseRow("MetricDefinition", metricDefinitionRowSchema, stored);
  return {
    key: row.key,
    name: row.name,
    unit: row.unit,
    kind: row.kind,
    badDirection: row.badDirection,
    source: row.source,
    query: row.query,
    sampleQuery: row.sampleQuery,
  };
}
