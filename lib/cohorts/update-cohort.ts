import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { inTransaction } from "@/lib/db/transaction";
import { ConflictError, NotFoundError } from "@/lib/errors/domain-errors";
import { bumpConfigVersion } from "@/lib/releases/rollout-state";
import { versionSchema } from "@/lib/releases/release-schemas";
import { parseInput } from "@/lib/validation/parse-input";
import { cohortFieldsSchema, cohortKeySchema } from "./cohort-schemas";

export const updateCohortSchema = cohortFieldsSchema.extend({
  cohortKey: cohortKeySchema,
  expectedVersion: versionSchema,
});
export type UpdateCohortInput = z.input<typeof updateCohortSchema>;

export async function updateCohort(actor: Actor | null, rawInput: unknown) {
  const input = parseInput(updateCohortSchema, rawInput);
  return inTransaction(async (tx) => {
    const access = await requireRole(tx, actor, input.teamSlug, "editor");
    const cohort = await tx.cohort.findFirst({ where: { teamId: access.teamId, key: input.cohortKey } });
    if (!cohort) throw new NotFoundError(`Cohort "${input.cohortKey}" not found`);
    if (cohort.version !== input.expectedVersion) {
      throw new ConflictError(`Cohort ${cohort.name} was changed by someone else since you opened it. Nothing was saved; reload to see the current rules.`);
    }
    const before = { name: cohort.name, description: cohort.description, definition: JSON.parse(cohort.definition) as unknown };
    const after = { name: input.name, description: input.description, definition: input.definition };
    const updated = await tx.cohort.updateMany({
      where: { id: cohort.id, version: input.expectedVersion },
      data: {
        name: after.name,
        description: after.description,
        definition: JSON.stringify(after.definition),
        version: { increment: 1 },
      },
    });
    if (updated.count !== 1) throw new ConflictError("The cohort changed while saving; nothing was saved");
    await bumpConfigVersion(tx, { teamId: access.teamId });
    await writeAuditEvent(tx, {
      teamId: access.teamId,
      actor: access.actor,
      action: "cohort.updated",
      summary: `Edited cohort ${after.name} (${cohort.key})`,
      cohortId: cohort.id,
      before,
      after,
    });
    return { ...cohort, ...after, version: cohort.version + 1 };
  });
}
