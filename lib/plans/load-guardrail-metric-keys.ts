import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { jsonColumn, parseRow } from "@/lib/db/parse-row";
import { planGuardrailsSchema } from "./plan-schemas";

const guardrailsRow = z.object({ guardrails: jsonColumn(planGuardrailsSchema) });

/**
 * The metrics the release's latest rollout plan in this environment guards, in the plan's
 * order; empty when there is no plan or it guards nothing. What a chart of the release should
 * show first: the numbers that decide whether it moves on.
 */
export async function loadGuardrailMetricKeys(
  db: Db,
  where: { releaseId: string; environmentId: string },
): Promise<string[]> {
  const row = await db.rolloutPlan.findFirst({
    where: { rollout: { releaseId: where.releaseId, environmentId: where.environmentId } },
    orderBy: { createdAt: "desc" },
    select: { id: true, guardrails: true },
  });
  if (!row) return [];
  return [...new Set(parseRow("RolloutPlan", guardrailsRow, row).guardrails.metrics.map((m) => m.metricKey))];
}
