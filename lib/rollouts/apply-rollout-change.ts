import "server-only";
import { cancelPendingRequests } from "@/lib/change-requests/cancel-pending-requests";
import type { TeamActor } from "@/lib/auth/require-role";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import type { Tx } from "@/lib/db/client";
import { describePercentages, describeRolloutChange } from "@/lib/domain/describe-rollout-change";
import { nextStatus, STATUS_LABELS, type RolloutCommand } from "@/lib/domain/rollout-state";
import { ValidationError } from "@/lib/errors/domain-errors";
import { bumpConfigVersion } from "./bump-config-version";
import { endActivePlans } from "./end-active-plans";
import { loadRollout, snapshotOf, type LoadedRollout } from "./load-rollout";
import { STATUS_AUDIT_ACTIONS, STATUS_AUDIT_VERBS } from "./rollout-audit-wording";
import type { RolloutSnapshot } from "./rollout-snapshot";
import { notifyRolloutEvent } from "./rollout-webhook-event";
import { writePercentages, type Percentages } from "./write-percentages";
import { writeStatus } from "./write-status";

/**
 * The whole percentage table after the change, a status command (start … restart), or a
 * restore after a roll back: live again with the given percentages, in one write.
 */
export type RolloutChange =
  | { kind: "percentages"; percentages: Percentages }
  | { kind: "status"; command: Exclude<RolloutCommand, "restore"> }
  | { kind: "restore"; percentages: Percentages };

export type RolloutChangeInput = {
  /** A person, an API key, or the system (an expired request, a plan step): nobody needs a role here. */
  by: TeamActor;
  /** Read with loadRollout in this transaction; `before` is taken from it. */
  target: LoadedRollout;
  /** The version the change was judged against; if the rollout moved on, nothing is written. */
  expectedVersion: number;
  change: RolloutChange;
  /** Appended to the audit summary, e.g. " — requested by Eddie, approved by Abe". */
  note?: string;
};

export type AppliedRolloutChange = { before: RolloutSnapshot; after: RolloutSnapshot };

/**
 * The one place a rollout changes, inside the caller's transaction: the write guarded by the
 * expected version, the configuration version evaluators watch, the audit event, and for
 * promote and roll back the notification (roll back also cancels pending requests). Whether
 * the change may happen — role, status, cohorts, approval policy — is the caller's judgement.
 * Throws ConflictError, writing nothing, when another change committed first.
 */
export async function applyRolloutChange(tx: Tx, input: RolloutChangeInput): Promise<AppliedRolloutChange> {
  const { by, change, note = "" } = input;
  const { release, environment, rollout } = input.target;
  const before = snapshotOf(rollout);
  const guard = { teamId: by.teamId, rolloutId: rollout.id, expectedVersion: input.expectedVersion };
  if (change.kind === "percentages") await writePercentages(tx, guard, change.percentages, by.actor);
  if (change.kind === "restore") {
    const transition = nextStatus(before.status, "restore");
    if (!transition.ok) throw ValidationError.field("command", transition.reason);
    await writePercentages(tx, guard, change.percentages, by.actor, transition.status);
  }
  if (change.kind === "status") await writeStatus(tx, guard, before.status, change.command, by.actor);
  await bumpConfigVersion(tx, { environmentId: environment.id });
  const after = snapshotOf((await loadRollout(tx, by.teamId, release.key, environment.key)).rollout);
  const where = { teamId: by.teamId, actor: by.actor, environmentId: environment.id, releaseId: release.id };

  if (change.kind === "percentages") {
    await writeAuditEvent(tx, {
      ...where,
      action: "rollout.percentages_set",
      summary: `Set ${describeRolloutChange(before, change.percentages)} in ${environment.name}${note}`,
      before: { defaultBasisPoints: before.defaultBasisPoints, cohorts: before.cohorts, version: before.version },
      after: { defaultBasisPoints: after.defaultBasisPoints, cohorts: after.cohorts, version: after.version },
    });
    return { before, after };
  }

  const command = change.kind === "restore" ? "restore" : change.command;
  const summary =
    `${STATUS_LABELS[before.status]} → ${STATUS_LABELS[after.status]}` +
    (change.kind === "restore" ? ` (${describePercentages(change.percentages)})` : "");
  await writeAuditEvent(tx, {
    ...where,
    action: STATUS_AUDIT_ACTIONS[command],
    summary: `${STATUS_AUDIT_VERBS[command]} in ${environment.name}: ${summary}${note}`,
    before: {
      status: before.status,
      version: before.version,
      defaultBasisPoints: before.defaultBasisPoints,
      cohorts: before.cohorts,
    },
    after: {
      status: after.status,
      version: after.version,
      defaultBasisPoints: after.defaultBasisPoints,
      cohorts: after.cohorts,
    },
  });
  if (command === "rollback" || command === "promote")
    await endActivePlans(
      tx,
      by,
      { rolloutId: rollout.id, releaseId: release.id, environmentId: environment.id },
      command,
    );
  if (command === "rollback") {
    await cancelPendingRequests(
      tx,
      by,
      { releaseId: release.id, environmentId: environment.id },
      "cancelled by roll back",
    );
    await notifyRolloutEvent(tx, "rollout.rolled_back", by, release, environment, summary);
  }
  if (command === "promote") await notifyRolloutEvent(tx, "rollout.promoted", by, release, environment, summary);
  return { before, after };
}
