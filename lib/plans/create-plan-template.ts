import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { inTransaction } from "@/lib/db/transaction";
import { ConflictError } from "@/lib/errors/domain-errors";
import { parseInput } from "@/lib/validation/parse-input";
import { checkPlanReferences } from "./check-plan-references";
import { templateSchema } from "./plan-schemas";

/** Adds a plan template to the team. Plans made from it keep their own copy. */
export async function createPlanTemplate(
  actor: Actor | null,
  rawInput: unknown,
): Promise<{ key: string; version: number }> {
  const input = parseInput(templateSchema, rawInput);
  return inTransaction(async (tx) => {
    const access = await requireRole(tx, actor, input.teamSlug, "editor");
    await checkPlanReferences(tx, access.teamId, input.definition);
    const taken = await tx.planTemplate.findFirst({ where: { teamId: access.teamId, key: input.key } });
    if (taken) throw new ConflictError(`A template with key "${input.key}" already exists`);
    await tx.planTemplate.create({
      data: {
        teamId: access.teamId,
        key: input.key,
        name: input.name,
        description: input.description,
        steps: JSON.stringify(input.definition.steps),
        guardrails: JSON.stringify(input.definition.guardrails),
        updatedByName: access.actor.name,
      },
    });
    await writeAuditEvent(tx, {
      teamId: access.teamId,
      actor: access.actor,
      action: "plan_template.created",
      summary: `Made plan template ${input.name} (${input.definition.steps.length} steps)`,
      after: { key: input.key, name: input.name, definition: input.definition },
    });
    return { key: input.key, version: 1 };
  });
}
