import "server-only";
import { z } from "zod";
import type { ChangeRequestView } from "@/lib/change-requests/change-request-view";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { inTransaction } from "@/lib/db/transaction";
import { cohortChangeFlows } from "@/lib/domain/cohort-reach";
import { NotFoundError, ValidationError } from "@/lib/errors/domain-errors";
import { changeCommentSchema, teamSlugSchema } from "@/lib/validation/common-schemas";
import { lockTeamStructure } from "@/lib/db/lock-team-structure";
import { parseInput } from "@/lib/validation/parse-input";
import { applyCohortSwap } from "./apply-cohort-change";
import { cohortKeySchema } from "./cohort-schemas";
import { holdCohortChange } from "./hold-cohort-change";
import { loadActiveCohorts } from "./load-active-cohorts";

export const moveCohortSchema = z.object({
  teamSlug: teamSlugSchema,
  cohortKey: cohortKeySchema,
  direction: z.enum(["up", "down"], { error: "Direction must be up or down" }),
  comment: changeCommentSchema,
});
export type MoveCohortInput = z.input<typeof moveCohortSchema>;

export type MoveCohortResult = { order: string[]; pendingApproval?: ChangeRequestView };

/**
 * Swaps priority with the neighbour: the first matching cohort decides, so users in both move
 * from the upper to the lower one — judged by the approval policy like any change of who gets a release.
 */
export async function moveCohort(actor: Actor | null, rawInput: unknown): Promise<MoveCohortResult> {
  const input = parseInput(moveCohortSchema, rawInput);
  return inTransaction(async (tx) => {
    const access = await requireRole(tx, actor, input.teamSlug, "editor");
    await lockTeamStructure(tx, access.teamId);
    const cohorts = await loadActiveCohorts(tx, access.teamId);
    const index = cohorts.findIndex((c) => c.key === input.cohortKey);
    if (index < 0) throw new NotFoundError(`Cohort "${input.cohortKey}" not found`);
    const cohort = cohorts[index]!;
    const neighbour = cohorts[input.direction === "up" ? index - 1 : index + 1];
    if (!neighbour)
      throw ValidationError.field(
        "direction",
        `${cohort.name} is already ${input.direction === "up" ? "first" : "last"}`,
      );
    const order = cohorts.map((c) => c.key);
    const [upper, lower] = input.direction === "up" ? [neighbour, cohort] : [cohort, neighbour];
    const flows = cohortChangeFlows(cohorts, { kind: "swap", upper: upper.key, lower: lower.key });
    const after = order.map((key) => (key === cohort.key ? neighbour.key : key === neighbour.key ? cohort.key : key));
    const versions = { [cohort.key]: cohort.version, [neighbour.key]: neighbour.version };
    const pendingApproval = await holdCohortChange(tx, access, cohorts, {
      kind: "cohort_move",
      cohort,
      flows,
      before: { order, versions },
      proposed: { order: after, versions },
      comment: input.comment,
    });
    if (pendingApproval) return { order, pendingApproval };
    return { order: await applyCohortSwap(tx, access, cohort, neighbour, order, flows) };
  });
}
