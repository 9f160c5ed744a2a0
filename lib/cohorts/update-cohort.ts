import "server-only";
import { z } from "zod";
import type { ChangeRequestView } from "@/lib/change-requests/change-request-view";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { inTransaction } from "@/lib/db/transaction";
import { cohortChangeFlows } from "@/lib/domain/cohort-reach";
import { ConflictError, NotFoundError } from "@/lib/errors/domain-errors";
import { changeCommentSchema, versionSchema } from "@/lib/validation/common-schemas";
import { parseInput } from "@/lib/validation/parse-input";
import { applyCohortEdit } from "./apply-cohort-change";
import { cohortFieldsSchema, cohortKeySchema } from "./cohort-schemas";
import { holdCohortChange } from "./hold-cohort-change";
import { loadActiveCohorts } from "./load-active-cohorts";

export const updateCohortSchema = cohortFieldsSchema.extend({
  cohortKey: cohortKeySchema,
  expectedVersion: versionSchema,
  // Shown to approvers when the policy holds the change back.
  comment: changeCommentSchema,
});
export type UpdateCohortInput = z.input<typeof updateCohortSchema>;

/** `pendingApproval`: an environment's policy held the edit back; nothing changed yet. */
export type UpdateCohortResult = { key: string; version: number; pendingApproval?: ChangeRequestView };

/**
 * Edits a cohort against the version the editor saw. Rules decide who gets every release in
 * every environment, so an edit that moves users to where a live release serves more is judged
 * by each environment's approval policy like a rollout change.
 */
export async function updateCohort(actor: Actor | null, rawInput: unknown): Promise<UpdateCohortResult> {
  const input = parseInput(updateCohortSchema, rawInput);
  return inTransaction(async (tx) => {
    const access = await requireRole(tx, actor, input.teamSlug, "editor");
    const cohorts = await loadActiveCohorts(tx, access.teamId);
    const cohort = cohorts.find((c) => c.key === input.cohortKey);
    if (!cohort) throw new NotFoundError(`Cohort "${input.cohortKey}" not found`);
    if (cohort.version !== input.expectedVersion) {
      throw new ConflictError(
        `Cohort ${cohort.name} was changed by someone else since you opened it. Nothing was saved; reload to see the current rules.`,
      );
    }
    const after = { name: input.name, description: input.description, definition: input.definition };
    const flows = cohortChangeFlows(cohorts, { kind: "rules", cohortKey: cohort.key, after: after.definition });
    const before = { name: cohort.name, description: cohort.description, definition: cohort.definition };
    const pendingApproval = await holdCohortChange(tx, access, cohorts, {
      kind: "cohort_update",
      cohort,
      flows,
      before,
      proposed: after,
      comment: input.comment,
      definitionAfter: after.definition,
    });
    if (pendingApproval) return { key: cohort.key, version: cohort.version, pendingApproval };
    return { key: cohort.key, version: await applyCohortEdit(tx, access, cohort, after, flows) };
  });
}
