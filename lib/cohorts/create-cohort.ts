import "server-only";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { inTransaction } from "@/lib/db/transaction";
import { ValidationError } from "@/lib/errors/domain-errors";
import { bumpConfigVersion } from "@/lib/rollouts/bump-config-version";
import { lockTeamStructure } from "@/lib/db/lock-team-structure";
import { parseInput } from "@/lib/validation/parse-input";
import { cohortFieldsSchema, cohortKeySchema } from "./cohort-schemas";

export const createCohortSchema = cohortFieldsSchema.extend({ key: cohortKeySchema });
export type CreateCohortInput = z.input<typeof createCohortSchema>;

/** New cohorts go last, so they never change who an existing cohort captures. */
export async function createCohort(actor: Actor | null, rawInput: unknown) {
  const input = parseInput(createCohortSchema, rawInput);
  return inTransaction(async (tx) => {
    const access = await requireRole(tx, actor, input.teamSlug, "editor");
    await lockTeamStructure(tx, access.teamId);
    const existing = await tx.cohort.findFirst({
      where: { teamId: access.teamId, key: input.key },
      select: { archivedAt: true },
    });
    if (existing) {
      throw ValidationError.field(
        "key",
        `A cohort with key "${input.key}" already exists${existing.archivedAt ? " (archived: restore it instead)" : ""}`,
      );
    }
    const last = await tx.cohort.findFirst({
      where: { teamId: access.teamId, archivedAt: null },
      orderBy: { priority: "desc" },
    });
    const cohort = await tx.cohort.create({
      data: {
        teamId: access.teamId,
        key: input.key,
        name: input.name,
        description: input.description,
        priority: (last?.priority ?? 0) + 1,
        definition: JSON.stringify(input.definition),
      },
    });
    await bumpConfigVersion(tx, { teamId: access.teamId });
    await writeAuditEvent(tx, {
      teamId: access.teamId,
      actor: access.actor,
      action: "cohort.created",
      summary: `Created cohort ${cohort.name} (${cohort.key})`,
      cohortId: cohort.id,
      after: { key: cohort.key, name: cohort.name, description: cohort.description, definition: input.definition },
    });
    return cohort;
  });
}
