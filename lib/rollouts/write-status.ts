import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Tx } from "@/lib/db/client";
import { nextStatus, type ReleaseStatus, type RolloutCommand } from "@/lib/domain/rollout-state";
import { ConflictError, ValidationError } from "@/lib/errors/domain-errors";

type Target = { rolloutId: string; expectedVersion: number };

/**
 * Moves a rollout from `from` to its next status under `command`, guarded by the version it
 * was judged at; restart also sets every percentage back to 0%. Returns the new status.
 */
export async function writeStatus(
  tx: Tx,
  target: Target,
  from: ReleaseStatus,
  command: RolloutCommand,
  actor: Actor,
): Promise<ReleaseStatus> {
  const transition = nextStatus(from, command);
  if (!transition.ok) throw ValidationError.field("command", transition.reason);
  const updated = await tx.releaseRollout.updateMany({
    where: { id: target.rolloutId, version: target.expectedVersion },
    data: {
      status: transition.status,
      version: { increment: 1 },
      ...(command === "restart" ? { defaultBasisPoints: 0 } : {}),
      updatedById: actor.id,
      updatedByName: actor.name,
    },
  });
  if (updated.count !== 1) {
    throw new ConflictError(
      "The release changed while applying this; nothing was changed. Review the current state and try again.",
    );
  }
  if (command === "restart") await tx.cohortRollout.deleteMany({ where: { rolloutId: target.rolloutId } });
  return transition.status;
}
