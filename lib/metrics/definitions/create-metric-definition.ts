import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { inTransaction } from "@/lib/db/transaction";
import { ValidationError } from "@/lib/errors/domain-errors";
import { lockTeamStructure } from "@/lib/db/lock-team-structure";
import { parseInput } from "@/lib/validation/parse-input";
import { toEditableMetricDefinition, type EditableMetricDefinition } from "./list-editable-metric-definitions";
import { metricAuditFields } from "./metric-audit-fields";
import { createMetricDefinitionSchema } from "./metric-definition-schemas";

/** New metrics go last. Metrics don't change evaluation, so no config version is bumped. */
export async function createMetricDefinition(
  actor: Actor | null,
  rawInput: unknown,
): Promise<EditableMetricDefinition> {
  const input = parseInput(createMetricDefinitionSchema, rawInput);
  return inTransaction(async (tx) => {
    const access = await requireRole(tx, actor, input.teamSlug, "editor");
    // Serialises "read the last position, insert after it" with concurrent creations.
    await lockTeamStructure(tx, access.teamId);
    if (
      await tx.metricDefinition.findFirst({ where: { teamId: access.teamId, key: input.key }, select: { id: true } })
    ) {
      throw ValidationError.field("key", `A metric with key "${input.key}" already exists`);
    }
    const last = await tx.metricDefinition.findFirst({
      where: { teamId: access.teamId },
      orderBy: { position: "desc" },
    });
    const row = await tx.metricDefinition.create({
      data: {
        teamId: access.teamId,
        key: input.key,
        name: input.name,
        unit: input.unit,
        kind: input.kind,
        badDirection: input.badDirection,
        source: input.source,
        query: input.query,
        sampleQuery: input.sampleQuery,
        position: (last?.position ?? 0) + 1,
      },
    });
    const metric = toEditableMetricDefinition(row);
    await writeAuditEvent(tx, {
      teamId: access.teamId,
      actor: access.actor,
      action: "metric.created",
      summary: `Created metric ${metric.name} (${metric.key})`,
      after: metricAuditFields(metric),
    });
    return metric;
  });
}
