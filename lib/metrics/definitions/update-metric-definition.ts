import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { inTransaction } from "@/lib/db/transaction";
import { ConflictError, NotFoundError } from "@/lib/errors/domain-errors";
import { parseInput } from "@/lib/validation/parse-input";
import { toEditableMetricDefinition, type EditableMetricDefinition } from "./list-editable-metric-definitions";
import { metricAuditFields } from "./metric-audit-fields";
import { updateMetricDefinitionSchema } from "./metric-definition-schemas";

/** What a stale save gets back: the definition as it is now, to start again from. */
export type MetricDefinitionConflict = EditableMetricDefinition;

/**
 * Everything but the key, against the version the editor saw. The key stays: applications send
 * it with every observation and stored series are filed under it.
 */
export async function updateMetricDefinition(
  actor: Actor | null,
  rawInput: unknown,
): Promise<EditableMetricDefinition> {
  const input = parseInput(updateMetricDefinitionSchema, rawInput);
  return inTransaction(async (tx) => {
    const access = await requireRole(tx, actor, input.teamSlug, "editor");
    const row = await tx.metricDefinition.findFirst({ where: { teamId: access.teamId, key: input.metricKey } });
    if (!row) throw new NotFoundError(`Metric "${input.metricKey}" not found`);
    const current = toEditableMetricDefinition(row);
    if (row.version !== input.expectedVersion) {
      throw new ConflictError<MetricDefinitionConflict>(
        `Metric ${row.name} was changed by someone else since you opened it. Nothing was saved; review the current values and try again.`,
        current,
      );
    }
    const fields = {
      name: input.name,
      unit: input.unit,
      kind: input.kind,
      badDirection: input.badDirection,
      source: input.source,
      query: input.query,
      sampleQuery: input.sampleQuery,
    };
    const before = metricAuditFields(current);
    const after = metricAuditFields({ ...current, ...fields });
    if (JSON.stringify(before) === JSON.stringify(after)) return current;
    // The version in the WHERE makes check and write one step whatever the isolation level.
    const updated = await tx.metricDefinition.updateMany({
      where: { id: row.id, version: input.expectedVersion },
      data: { ...fields, version: { increment: 1 } },
    });
    if (updated.count !== 1) throw new ConflictError("The metric changed while saving; nothing was saved");
    await writeAuditEvent(tx, {
      teamId: access.teamId,
      actor: access.actor,
      action: "metric.updated",
      summary: `Edited metric ${fields.name} (${row.key})`,
      before,
      after,
    });
    return { ...current, ...fields, version: row.version + 1 };
  });
}
