import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { inTransaction } from "@/lib/db/transaction";
import { NotFoundError } from "@/lib/errors/domain-errors";
import { teamSlugSchema } from "@/lib/validation/common-schemas";
import { parseInput } from "@/lib/validation/parse-input";
import { toEditableMetricDefinition } from "./list-editable-metric-definitions";
import { metricAuditFields } from "./metric-audit-fields";
import { metricKeySchema } from "./metric-definition-schemas";

export const deleteMetricDefinitionSchema = z.object({ teamSlug: teamSlugSchema, metricKey: metricKeySchema });
export type DeleteMetricDefinitionInput = z.input<typeof deleteMetricDefinitionSchema>;

/**
 * Removes the definition only. Stored series are filed by key and age out with retention; a
 * metric created again under the same key picks them up.
 */
export async function deleteMetricDefinition(actor: Actor | null, rawInput: unknown): Promise<{ key: string }> {
  const input = parseInput(deleteMetricDefinitionSchema, rawInput);
  return inTransaction(async (tx) => {
    const access = await requireRole(tx, actor, input.teamSlug, "editor");
    const row = await tx.metricDefinition.findFirst({ where: { teamId: access.teamId, key: input.metricKey } });
    if (!row) throw new NotFoundError(`Metric "${input.metricKey}" not found`);
    await tx.metricDefinition.delete({ where: { id: row.id } });
    await writeAuditEvent(tx, {
      teamId: access.teamId,
      actor: access.actor,
      action: "metric.deleted",
      summary: `Deleted metric ${row.name} (${row.key})`,
      before: metricAuditFields(toEditableMetricDefinition(row)),
    });
    return { key: row.key };
  });
}
