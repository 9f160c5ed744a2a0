import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requireRole, type TeamAccess } from "@/lib/auth/require-role";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { missingCohortKeys } from "@/lib/cohorts/missing-cohort-keys";
import type { Tx } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";
import { canEditPercentages } from "@/lib/domain/rollout-state";
import { ConflictError, ForbiddenError } from "@/lib/errors/domain-errors";
import { applyStatusChange, LostRace } from "@/lib/releases/apply-status-change";
import { loadRollout, snapshotOf } from "@/lib/releases/rollout-state";
import { writePercentages } from "@/lib/releases/write-percentages";
import { parseInput } from "@/lib/validation/parse-input";
import type { ChangeRequestView, ProposedPercentages } from "./change-request-view";
import { recordChangeRequestStep } from "./change-request-events";
import { decideChangeRequestSchema } from "./change-request-schemas";
import { loadChangeRequest } from "./load-change-request";
import { settleChangeRequest } from "./settle-change-request";
import { APPROVALS_SYSTEM_ACTOR } from "./system-actor";
import type { ChangeRequestRow } from "./to-change-request-view";

/**
 * Approves and applies a pending request in one transaction, but only against the rollout
 * version it was made on: if the release moved on, the request becomes stale and nothing is
 * applied. Nobody approves their own request, whatever their role. Returns the settled
 * request (applied, stale or expired).
 */
export async function approveChangeRequest(actor: Actor | null, rawInput: unknown): Promise<ChangeRequestView> {
  const input = parseInput(decideChangeRequestSchema, rawInput);
  try {
    return await inTransaction(async (tx) => {
      const access = await requireRole(tx, actor, input.teamSlug, "approver");
      const row = await loadChangeRequest(tx, access.teamId, input.id);
      if (row.status !== "pending") throw new ConflictError(`This request is already ${row.status}; nothing was changed`);
      if (row.requesterType === access.actor.type && row.requesterId === access.actor.id) {
        throw new ForbiddenError("You asked for this change, so someone else has to approve it (four-eyes rule)");
      }
      const team = access;
      if (row.expiresAt.getTime() <= Date.now()) return settleChangeRequest(tx, row, "expired", "expired", { team, actor: APPROVALS_SYSTEM_ACTOR });

      const loaded = await loadRollout(tx, access.teamId, row.release.key, row.environment.key);
      const moved = loaded.rollout.version !== row.baseVersion;
      const proposed = JSON.parse(row.proposed) as ProposedPercentages;
      const gone = row.kind === "set_rollout" ? await missingCohortKeys(tx, access.teamId, Object.keys(proposed.cohorts)) : [];
      if (moved || gone.length || (row.kind === "set_rollout" && !canEditPercentages(snapshotOf(loaded.rollout).status))) {
        const why = moved
          ? `the release changed since the request (version ${row.baseVersion} → ${loaded.rollout.version}); nothing was applied`
          : gone.length
            ? `cohort ${gone.join(", ")} no longer exists; nothing was applied`
            : "the release is no longer rolling out; nothing was applied";
        return settleChangeRequest(tx, row, "stale", "stale", { team, actor: access.actor, reviewer: access.actor, comment: input.comment || null, note: why });
      }

      const approved = await settleChangeRequest(tx, row, "applied", "approved", { team, actor: access.actor, reviewer: access.actor, comment: input.comment || null });
      await applyRequest(tx, access, row, loaded, proposed, approved);
      return approved;
    });
  } catch (error) {
    if (error instanceof LostRace) throw new ConflictError("The release changed while approving; nothing was applied. Try again to see the current state.");
    throw error;
  }
}

async function applyRequest(
  tx: Tx,
  access: TeamAccess,
  row: ChangeRequestRow,
  loaded: Awaited<ReturnType<typeof loadRollout>>,
  proposed: ProposedPercentages,
  request: ChangeRequestView,
) {
  const { release, environment, rollout } = loaded;
  const note = ` — requested by ${row.requesterName}, approved by ${access.actor.name}`;
  const ids = { releaseId: release.id, environmentId: environment.id };
  if (row.kind === "set_rollout") {
    const before = snapshotOf(rollout);
    await writePercentages(tx, { teamId: access.teamId, environmentId: environment.id, rolloutId: rollout.id, expectedVersion: row.baseVersion }, proposed, access.actor);
    const after = snapshotOf((await loadRollout(tx, access.teamId, release.key, environment.key)).rollout);
    await writeAuditEvent(tx, {
      teamId: access.teamId,
      actor: access.actor,
      action: "rollout.percentages_set",
      summary: `Set ${request.summary} in ${environment.name}${note}`,
      ...ids,
      before: { defaultBasisPoints: before.defaultBasisPoints, cohorts: before.cohorts, version: before.version },
      after: { defaultBasisPoints: after.defaultBasisPoints, cohorts: after.cohorts, version: after.version },
    });
  } else {
    await applyStatusChange(tx, access, loaded, row.kind === "promote" ? "promote" : "start", row.baseVersion, note);
  }
  await recordChangeRequestStep(tx, "applied", { team: access, actor: access.actor, ids, request });
}
