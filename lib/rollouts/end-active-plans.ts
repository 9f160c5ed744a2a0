import "server-only";
import type { TeamActor } from "@/lib/auth/require-role";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import type { Tx } from "@/lib/db/client";

const LIVE = ["draft", "running", "paused", "held"];

/**
 * A roll back or a promotion ends the rollout's plan, whoever made it: roll back never waits
 * for a plan, and a promoted release has nothing left to ramp. Plans not started are cancelled.
 */
export async function endActivePlans(
  tx: Tx,
  by: TeamActor,
  ids: { rolloutId: string; releaseId: string; environmentId: string },
  command: "rollback" | "promote",
) {
  const plans = await tx.rolloutPlan.findMany({ where: { rolloutId: ids.rolloutId, status: { in: LIVE } } });
  for (const plan of plans) {
    const status = plan.status === "draft" ? "cancelled" : command === "rollback" ? "rolled_back" : "finished";
    const done = await tx.rolloutPlan.updateMany({
      where: { id: plan.id, version: plan.version },
      data: { status, endedAt: new Date(), waitingFor: null, version: { increment: 1 } },
    });
    if (done.count !== 1) continue;
    await writeAuditEvent(tx, {
      teamId: by.teamId,
      actor: by.actor,
      environmentId: ids.environmentId,
      releaseId: ids.releaseId,
      action: "plan.ended",
      summary:
        command === "rollback"
          ? `Ended the plan: the release was rolled back by ${by.actor.name}`
          : `Ended the plan: the release was promoted by ${by.actor.name}`,
      after: { planId: plan.id, status },
    });
  }
}
