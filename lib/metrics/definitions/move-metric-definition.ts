import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { inTransaction } from "@/lib/db/transaction";
import { NotFoundError, ValidationError } from "@/lib/errors/domain-errors";
import { teamSlugSchema } from "@/lib/validation/common-schemas";
import { lockTeamStructure } from "@/lib/db/lock-team-structure";
import { parseInput } from "@/lib/validation/parse-input";
import { metricKeySchema } from "./metric-definition-schemas";

export const moveMetricDefinitionSchema = z.object({
  teamSlug: teamSlugSchema,
  metricKey: metricKeySchema,
  direction: z.enum(["up", "down"], { error: "Direction must be up or down" }),
});
export type MoveMetricDefinitionInput = z.input<typeof moveMetricDefinitionSchema>;

/** Swaps position with the neighbour; the order is the order of panels on a release page. */
export async function moveMetricDefinition(actor: Actor | null, rawInput: unknown): Promise<string[]> {
  const input = parseInput(moveMetricDefinitionSchema, rawInput);
  return inTransaction(async (tx) => {
    const access = await requireRole(tx, actor, input.teamSlug, "editor");
    await lockTeamStructure(tx, access.teamId);
    const metrics = await tx.metricDefinition.findMany({
      where: { teamId: access.teamId },
      orderBy: [{ position: "asc" }, { key: "asc" }],
    });
    const index = metrics.findIndex((m) => m.key === input.metricKey);
    if (index < 0) throw new NotFoundError(`Metric "${input.metricKey}" not found`);
    const otherIndex = input.direction === "up" ? index - 1 : index + 1;
    const metric = metrics[index]!;
    const other = metrics[otherIndex];
    if (!other)
      throw ValidationError.field(
        "direction",
        `${metric.name} is already ${input.direction === "up" ? "first" : "last"}`,
      );
    const before = metrics.map((m) => m.key);
    const reordered = [...metrics];
    reordered[index] = other;
    reordered[otherIndex] = metric;
    // Renumbered 1..n rather than swapped: deletes leave gaps and rows written outside the app
    // may tie, and a swap of two positions can then land on a third row's.
    for (const [i, m] of reordered.entries()) {
      if (m.position !== i + 1) await tx.metricDefinition.update({ where: { id: m.id }, data: { position: i + 1 } });
    }
    const after = reordered.map((m) => m.key);
    await writeAuditEvent(tx, {
      teamId: access.teamId,
      actor: access.actor,
      action: "metric.reordered",
      summary: `Moved metric ${metric.name} ${input.direction} (position ${index + 1} → ${otherIndex + 1})`,
      before: { order: before },
      after: { order: after },
    });
    return after;
  });
}
