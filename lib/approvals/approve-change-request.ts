import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requireRole, type TeamAccess } from "@/lib/auth/require-role";
import { missingCohortKeys } from "@/lib/cohorts/missing-cohort-keys";
import { planCohortRequest } from "@/lib/cohorts/cohort-request-plan";
import type { Tx } from "@/lib/db/client";
import { inTransaction } from "@/lib/db/transaction";
import { canEditPercentages } from "@/lib/domain/rollout-state";
import { ConflictError, ForbiddenError } from "@/lib/errors/domain-errors";
import { applyRolloutChange, type RolloutChange } from "@/lib/rollouts/apply-rollout-change";
import { loadRollout, snapshotOf, type LoadedRollout } from "@/lib/rollouts/load-rollout";
import { parseInput } from "@/lib/validation/parse-input";
import {
  isPlanRequestKind,
  type ChangeRequestView,
  type ProposedPercentages,
} from "@/lib/change-requests/change-request-view";
import { planRequestApplication } from "@/lib/plans/apply-plan-request";
import { recordChangeRequestStep } from "@/lib/change-requests/change-request-events";
import { decideChangeRequestSchema } from "@/lib/change-requests/change-request-schemas";
import { isOwnRequest } from "@/lib/change-requests/create-change-request";
import { loadChangeRequest } from "@/lib/change-requests/load-change-request";
import { rolloutRequestPayload } from "@/lib/change-requests/rollout-request-payload";
import { settleChangeRequest } from "@/lib/change-requests/settle-change-request";
import { APPROVALS_SYSTEM_ACTOR } from "@/lib/auth/system-actor";
import { requestIds, type ChangeRequestRow } from "@/lib/change-requests/to-change-request-view";

/**
 * Approves and applies a pending request in one transaction, but only against what it was
 * judged on: if the release (or, for a cohort request, the cohort or the rollouts it affects)
 * moved on, the request becomes stale and nothing is applied. Nobody approves a request they are
 * accountable for, whatever their role — their own, or one made with an API key they created.
 * Returns the settled request (applied, stale or expired).
 */
export async function approveChangeRequest(actor: Actor | null, rawInput: unknown): Promise<ChangeRequestView> {
  const input = parseInput(decideChangeRequestSchema, rawInput);
  return inTransaction(async (tx) => {
    const access = await requireRole(tx, actor, input.teamSlug, "approver");
    const row = await loadChangeRequest(tx, access.teamId, input.id);
    if (row.status !== "pending") throw new ConflictError(`This request is already ${row.status}; nothing was changed`);
    if (isOwnRequest(row, access)) {
      const how =
        row.requesterType === "api_key" ? "An API key you created asked for this change" : "You asked for this change";
      throw new ForbiddenError(`${how}, so someone else has to approve it (four-eyes rule)`);
    }
    const team = access;
    if (row.expiresAt.getTime() <= Date.now())
      return settleChangeRequest(tx, row, "expired", "expired", { team, actor: APPROVALS_SYSTEM_ACTOR });
    const reviewed = { team, actor: access.actor, reviewer: access.actor, comment: input.comment || null };
    const note = ` — requested by ${row.requesterName}, approved by ${access.actor.name}`;

    // Cohort and plan requests say up front whether they still apply, and how.
    const prepared = row.cohortId
      ? await planCohortRequest(tx, access, row)
      : isPlanRequestKind(row.kind)
        ? await planRequestApplication(tx, access, row)
        : null;
    if (prepared) {
      if (!prepared.ok) return settleChangeRequest(tx, row, "stale", "stale", { ...reviewed, note: prepared.why });
      const approved = await settleChangeRequest(tx, row, "applied", "approved", reviewed);
      await prepared.apply(note);
      await recordChangeRequestStep(tx, "applied", {
        team,
        actor: access.actor,
        ids: requestIds(row),
        request: approved,
      });
      return approved;
    }

    if (!row.release || !row.environment)
      return settleChangeRequest(tx, row, "stale", "stale", {
        ...reviewed,
        note: "the release or environment no longer exists; nothing was applied",
      });
    const loaded = await loadRollout(tx, access.teamId, row.release.key, row.environment.key);
    const { proposed } = rolloutRequestPayload(row);
    const why = await staleRolloutReason(tx, access, row, loaded, proposed);
    if (why) return settleChangeRequest(tx, row, "stale", "stale", { ...reviewed, note: why });

    const approved = await settleChangeRequest(tx, row, "applied", "approved", reviewed);
    await applyRolloutRequest(tx, access, row, loaded, proposed, approved, note);
    return approved;
  });
}

async function staleRolloutReason(
  tx: Tx,
  access: TeamAccess,
  row: ChangeRequestRow,
  loaded: LoadedRollout,
  proposed: ProposedPercentages,
): Promise<string | null> {
  if (loaded.rollout.version !== row.baseVersion)
    return `the release changed since the request (version ${row.baseVersion} → ${loaded.rollout.version}); nothing was applied`;
  if (row.kind !== "set_rollout" && row.kind !== "restore") return null;
  const gone = await missingCohortKeys(tx, access.teamId, Object.keys(proposed.cohorts));
  if (gone.length) return `cohort ${gone.join(", ")} no longer exists; nothing was applied`;
  const status = snapshotOf(loaded.rollout).status;
  if (row.kind === "restore" && status !== "rolled_back")
    return "the release is no longer rolled back; nothing was applied";
  if (row.kind === "set_rollout" && !canEditPercentages(status))
    return "the release is no longer rolling out; nothing was applied";
  return null;
}

async function applyRolloutRequest(
  tx: Tx,
  access: TeamAccess,
  row: ChangeRequestRow,
  loaded: LoadedRollout,
  proposed: ProposedPercentages,
  request: ChangeRequestView,
  note: string,
) {
  const { release, environment } = loaded;
  const ids = { releaseId: release.id, environmentId: environment.id, cohortId: null };
  const change = changeOf(row.kind, proposed);
  if (change) {
    try {
      await applyRolloutChange(tx, { by: access, target: loaded, expectedVersion: row.baseVersion, change, note });
    } catch (error) {
      if (error instanceof ConflictError)
        throw new ConflictError(
          "The release changed while approving; nothing was applied. Try again to see the current state.",
        );
      throw error;
    }
  }
  await recordChangeRequestStep(tx, "applied", { team: access, actor: access.actor, ids, request });
}

/** What a rollout request applies (roll back never waits for approval, so it is never requested). */
function changeOf(kind: string, proposed: ProposedPercentages): RolloutChange | null {
  if (kind === "set_rollout") return { kind: "percentages", percentages: proposed };
  if (kind === "restore") return { kind: "restore", percentages: proposed };
  if (kind === "promote" || kind === "start" || kind === "pause" || kind === "resume" || kind === "restart")
    return { kind: "status", command: kind };
  return null;
}
