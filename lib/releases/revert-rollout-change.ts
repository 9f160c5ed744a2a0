import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { withoutArchivedCohorts } from "@/lib/cohorts/without-archived-cohorts";
import { inTransaction } from "@/lib/db/transaction";
import { revertedPercentages } from "@/lib/domain/revert-percentages";
import { loadPercentageChange, type PercentageChange } from "@/lib/rollouts/load-percentage-change";
import { snapshotOf } from "@/lib/rollouts/load-rollout";
import { parseInput } from "@/lib/validation/parse-input";
import { changeCommentSchema, teamSlugSchema, versionSchema } from "@/lib/validation/common-schemas";
import { changePercentages, type SetRolloutResult } from "./set-rollout";

export const revertRolloutChangeSchema = z.object({
  teamSlug: teamSlugSchema,
  auditEventId: z.string().trim().min(1, "Audit entry is required").max(64),
  // The rollout version the diff was shown against: reverting onto a rollout that moved since is refused.
  expectedVersion: versionSchema,
  comment: changeCommentSchema,
});

export type RevertRolloutChangeInput = z.input<typeof revertRolloutChangeSchema>;

/**
 * "Revert this change" on an audit entry: the values that change moved go back to what they
 * were before it, as an ordinary percentage change — version-checked, judged by the approval
 * policy (held → change request), audited with the entry it reverts named.
 */
export async function revertRolloutChange(actor: Actor | null, rawInput: unknown): Promise<SetRolloutResult> {
  const input = parseInput(revertRolloutChangeSchema, rawInput);
  return inTransaction(async (tx) => {
    const access = await requireRole(tx, actor, input.teamSlug, "editor");
    const entry = await loadPercentageChange(tx, access.teamId, input.auditEventId);
    const current = snapshotOf(entry.target.rollout);
    const reverting = revertingWords(entry);
    return changePercentages(tx, access, entry.target, {
      expectedVersion: input.expectedVersion,
      proposed: await withoutArchivedCohorts(tx, access.teamId, revertedPercentages(current, entry)),
      named: [],
      comment: [reverting, input.comment].filter(Boolean).join("\n"),
      note: ` — ${reverting}`,
    });
  });
}

/** Names the entry in words people can find again in the trail. */
export function revertingWords(entry: Pick<PercentageChange, "summary" | "actorName" | "createdAt">): string {
  const when = entry.createdAt.toISOString().slice(0, 16).replace("T", " ");
  return `reverting ${entry.actorName}'s change of ${when} UTC ("${entry.summary}")`;
}
