import "server-only";
import type { ChangeRequestView } from "@/lib/change-requests/change-request-view";
import { requireRole } from "@/lib/auth/require-role";
import { readDb } from "@/lib/db/transaction";
import { percentToBasisPoints } from "@/lib/domain/percent";
import { ConflictError, ValidationError } from "@/lib/errors/domain-errors";
import { changeReleaseStatus } from "@/lib/releases/change-release-status";
import { loadRollout, type RolloutSnapshot } from "@/lib/releases/rollout-state";
import { setRollout } from "@/lib/releases/set-rollout";
import type { RestPrincipal } from "./authenticate-api-key";
import { parseBody } from "./parse-body";
import { commandBodySchema, rollbackBodySchema, setPercentagesBodySchema, type RestChangeRequest, type RestCommand, type RestRollout } from "./rest-schemas";
import { isRolloutSnapshot, restChangeRequest, restRollout } from "./rest-views";

/** 200: applied (or nothing to do); 202: held for approval, nothing applied. */
export type RolloutChangeOutcome =
  | { kind: "applied"; changed: boolean; rollout: RestRollout }
  | { kind: "pending"; changeRequest: RestChangeRequest; rollout: RestRollout };

type Target = { releaseKey: string; environmentKey: string };

// The use cases name fields as the dashboard sends them; the API's body says `default`.
const FIELD_NAMES: Record<string, string> = { defaultBasisPoints: "default", releaseKey: "release", environmentKey: "environment" };

/** Runs a use case and puts its refusals in the API's terms (percent, the API's field names). */
async function inApiTerms<T>(target: Target, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ConflictError && isRolloutSnapshot(error.current)) {
      throw new ConflictError(error.message, restRollout(target.releaseKey, target.environmentKey, error.current));
    }
    if (error instanceof ValidationError) {
      throw new ValidationError(Object.fromEntries(Object.entries(error.fieldErrors).map(([field, messages]) => [FIELD_NAMES[field] ?? field, messages])));
    }
    throw error;
  }
}

function outcome(target: Target, rollout: RolloutSnapshot, pendingApproval: ChangeRequestView | undefined, changed: boolean): RolloutChangeOutcome {
  const current = restRollout(target.releaseKey, target.environmentKey, rollout);
  return pendingApproval ? { kind: "pending", changeRequest: restChangeRequest(pendingApproval), rollout: current } : { kind: "applied", changed, rollout: current };
}

/** PUT …/percentages: a partial update of the percentage table, through setRollout. */
export async function restSetPercentages(principal: RestPrincipal, target: Target, rawBody: unknown): Promise<RolloutChangeOutcome> {
  const body = parseBody(setPercentagesBodySchema, rawBody);
  return inApiTerms(target, async () => {
    // `default` may be left out; setRollout wants it, so send the current one. Read at the
    // expected version or not at all: if the rollout moved on, setRollout refuses with 409.
    const defaultBasisPoints = body.default === undefined ? await currentDefault(principal, target) : percentToBasisPoints(body.default);
    const cohorts = Object.fromEntries(Object.entries(body.cohorts ?? {}).map(([key, percent]) => [key, percent === null ? null : percentToBasisPoints(percent)]));
    const result = await setRollout(principal.actor, {
      teamSlug: principal.teamSlug,
      releaseKey: target.releaseKey,
      environmentKey: target.environmentKey,
      expectedVersion: body.expectedVersion,
      defaultBasisPoints,
      cohorts,
      comment: body.comment,
    });
    return outcome(target, result.rollout, result.pendingApproval, result.changed);
  });
}

async function currentDefault(principal: RestPrincipal, target: Target): Promise<number> {
  const db = readDb();
  const access = await requireRole(db, principal.actor, principal.teamSlug, "viewer");
  const { rollout } = await loadRollout(db, access.teamId, target.releaseKey, target.environmentKey);
  return rollout.defaultBasisPoints;
}

/** POST …/{command}: start, pause, resume, promote, roll back, restart, through changeReleaseStatus. */
export async function restRunCommand(principal: RestPrincipal, target: Target, command: RestCommand, rawBody: unknown): Promise<RolloutChangeOutcome> {
  const body = command === "rollback" ? parseBody(rollbackBodySchema, rawBody, { optional: true }) : parseBody(commandBodySchema, rawBody);
  return inApiTerms(target, async () => {
    const { pendingApproval, ...rollout } = await changeReleaseStatus(principal.actor, {
      teamSlug: principal.teamSlug,
      releaseKey: target.releaseKey,
      environmentKey: target.environmentKey,
      command,
      expectedVersion: command === "rollback" ? undefined : body.expectedVersion,
      comment: body.comment,
    });
    return outcome(target, rollout, pendingApproval, !pendingApproval);
  });
}
