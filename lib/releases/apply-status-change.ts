import "server-only";
import type { TeamAccess } from "@/lib/auth/require-role";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import type { Tx } from "@/lib/db/client";
import { nextStatus, STATUS_LABELS, type ReleaseStatus, type RolloutCommand } from "@/lib/domain/rollout-state";
import { cancelPendingRequests } from "@/lib/change-requests/cancel-pending-requests";
import { ValidationError } from "@/lib/errors/domain-errors";
import { STATUS_AUDIT_ACTIONS, STATUS_AUDIT_VERBS } from "./rollout-audit-wording";
import { bumpConfigVersion, loadRollout, snapshotOf, type RolloutSnapshot } from "./rollout-state";
import { notifyRolloutEvent } from "./rollout-webhook-event";

/** Another change committed between reading the rollout and writing it. */
export class LostRace extends Error {}

type Loaded = Awaited<ReturnType<typeof loadRollout>>;

/**
 * Moves a rollout to its next status, guarded by `fromVersion`; audit event, notification and
 * (for roll back) cancelling pending requests in the same transaction. Shared by a direct
 * command and an approved change request; `note` adds who asked for it.
 */
export async function applyStatusChange(
  tx: Tx,
  access: TeamAccess,
  { release, environment, rollout }: Loaded,
  command: RolloutCommand,
  fromVersion: number,
  note = "",
): Promise<RolloutSnapshot> {
  const before = snapshotOf(rollout);
  const transition = nextStatus(before.status, command);
  if (!transition.ok) throw ValidationError.field("command", transition.reason);
  const updated = await tx.releaseRollout.updateMany({
    where: { id: rollout.id, version: fromVersion },
    data: {
      status: transition.status,
      version: { increment: 1 },
      ...(command === "restart" ? { defaultBasisPoints: 0 } : {}),
      updatedById: access.actor.id,
      updatedByName: access.actor.name,
    },
  });
  if (updated.count !== 1) throw new LostRace();
  if (command === "restart") await tx.cohortRollout.deleteMany({ where: { rolloutId: rollout.id } });
  await bumpConfigVersion(tx, { environmentId: environment.id });
  const after = snapshotOf((await loadRollout(tx, access.teamId, release.key, environment.key)).rollout);
  const summary = `${STATUS_LABELS[before.status as ReleaseStatus]} → ${STATUS_LABELS[transition.status]}`;
  await writeAuditEvent(tx, {
    teamId: access.teamId,
    actor: access.actor,
    action: STATUS_AUDIT_ACTIONS[command],
    summary: `${STATUS_AUDIT_VERBS[command]} in ${environment.name}: ${summary}${note}`,
    environmentId: environment.id,
    releaseId: release.id,
    before: { status: before.status, version: before.version, defaultBasisPoints: before.defaultBasisPoints, cohorts: before.cohorts },
    after: { status: after.status, version: after.version, defaultBasisPoints: after.defaultBasisPoints, cohorts: after.cohorts },
  });
  const ids = { releaseId: release.id, environmentId: environment.id };
  if (command === "rollback") {
    await cancelPendingRequests(tx, access, ids, "cancelled by roll back");
    await notifyRolloutEvent(tx, "rollout.rolled_back", access, release, environment, summary);
  }
  if (command === "promote") await notifyRolloutEvent(tx, "rollout.promoted", access, release, environment, summary);
  return after;
}
