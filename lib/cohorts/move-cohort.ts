import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { inTransaction } from "@/lib/db/transaction";
import { NotFoundError, ValidationError } from "@/lib/errors/domain-errors";
import { bumpConfigVersion } from "@/lib/releases/rollout-state";
import { teamSlugSchema } from "@/lib/releases/release-schemas";
import { lockTeamStructure } from "@/lib/teams/lock-team-structure";
import { parseInput } from "@/lib/validation/parse-input";
import { cohortKeySchema } from "./cohort-schemas";

export const moveCohortSchema = z.object({
  teamSlug: teamSlugSchema,
  cohortKey: cohortKeySchema,
  direction: z.enum(["up", "down"], { error: "Direction must be up or down" }),
});

/** Swaps priority with the neighbour: the first matching cohort decides, so order matters. */
export async function moveCohort(actor: Actor | null, rawInput: unknown) {
  const input = parseInput(moveCohortSchema, rawInput);
  return inTransaction(async (tx) => {
    const access = await requireRole(tx, actor, input.teamSlug, "editor");
    await lockTeamStructure(tx, access.teamId);
    const cohorts = await tx.cohort.findMany({ where: { teamId: access.teamId }, orderBy: { priority: "asc" } });
    const index = cohorts.findIndex((c) => c.key === input.cohortKey);
    if (index < 0) throw new NotFoundError(`Cohort "${input.cohortKey}" not found`);
    const other = cohorts[input.direction === "up" ? index - 1 : index + 1];
    const cohort = cohorts[index]!;
    if (!other) throw ValidationError.field("direction", `${cohort.name} is already ${input.direction === "up" ? "first" : "last"}`);
    const before = cohorts.map((c) => c.key);
    await tx.cohort.update({ where: { id: cohort.id }, data: { priority: other.priority } });
    await tx.cohort.update({ where: { id: other.id }, data: { priority: cohort.priority } });
    const after = [...before];
    after[index] = other.key;
    after[input.direction === "up" ? index - 1 : index + 1] = cohort.key;
    await bumpConfigVersion(tx, { teamId: access.teamId });
    await writeAuditEvent(tx, {
      teamId: access.teamId,
      actor: access.actor,
      action: "cohort.reordered",
      summary: `Moved cohort ${cohort.name} ${input.direction} (priority ${index + 1} → ${input.direction === "up" ? index : index + 2})`,
      cohortId: cohort.id,
      before: { order: before },
      after: { order: after },
    });
    return after;
  });
}
