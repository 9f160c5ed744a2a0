import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { inTransaction } from "@/lib/db/transaction";
import { ConflictError, NotFoundError } from "@/lib/errors/domain-errors";
import { parseInput } from "@/lib/validation/parse-input";
import { checkPlanReferences } from "./check-plan-references";
import { toPlanTemplate } from "./plan-row";
import { updateTemplateSchema } from "./plan-schemas";

/**
 * Changes a template against the version the editor saw (a stale save is refused). Plans made
 * from it keep their own copy: changing a template changes no plan.
 */
export async function updatePlanTemplate(
  actor: Actor | null,
  rawInput: unknown,
): Promise<{ key: string; version: number }> {
  const input = parseInput(updateTemplateSchema, rawInput);
  return inTransaction(async (tx) => {
    const access = await requireRole(tx, actor, input.teamSlug, "editor");
    const row = await tx.planTemplate.findFirst({ where: { teamId: access.teamId, key: input.key, archivedAt: null } });
    if (!row) throw new NotFoundError(`Template "${input.key}" not found`);
    await checkPlanReferences(tx, access.teamId, input.definition);
    const updated = await tx.planTemplate.updateMany({
      where: { id: row.id, version: input.expectedVersion },
      data: {
        name: input.name,
        description: input.description,
        steps: JSON.stringify(input.definition.steps),
        guardrails: JSON.stringify(input.definition.guardrails),
        updatedByName: access.actor.name,
        version: { increment: 1 },
      },
    });
    if (updated.count !== 1)
      throw new ConflictError(
        `${row.name} was changed by ${row.updatedByName ?? "someone else"} since you opened it; nothing was saved`,
      );
    const before = toPlanTemplate(row);
    await writeAuditEvent(tx, {
      teamId: access.teamId,
      actor: access.actor,
      action: "plan_template.updated",
      summary: `Changed plan template ${input.name}`,
      before: { key: before.key, name: before.name, definition: before.definition },
      after: { key: input.key, name: input.name, definition: input.definition },
    });
    return { key: input.key, version: input.expectedVersion + 1 };
  });
}
