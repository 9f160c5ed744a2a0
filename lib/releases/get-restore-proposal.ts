import "server-only";
import type { TeamContext } from "@/lib/auth/get-team-context";
import { readDb } from "@/lib/db/transaction";
import { loadPercentagesBeforeRollback, type BeforeRollback } from "@/lib/rollouts/percentages-before-rollback";

/**
 * For a rolled-back release: what "Restore from before the roll back" would put back (the
 * server decides again when it is pressed). Null when there is nothing to restore. Any member may read.
 */
export async function getRestoreProposal(
  context: TeamContext,
  input: { releaseId: string },
): Promise<(Omit<BeforeRollback, "rolledBackAt"> & { rolledBackAt: string }) | null> {
  const found = await loadPercentagesBeforeRollback(readDb(), {
    teamId: context.access.teamId,
    releaseId: input.releaseId,
    environmentId: context.environment.id,
  });
  if (!found || found.status === "draft") return null;
  return { ...found, rolledBackAt: found.rolledBackAt.toISOString() };
}
