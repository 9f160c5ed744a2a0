import "server-only";
import type { ChangeRequestView } from "@/lib/change-requests/change-request-view";
import { percentToBasisPoints } from "@/lib/domain/percent";
import { ConflictError, ValidationError } from "@/lib/errors/domain-errors";
import { changeReleaseStatus } from "@/lib/releases/change-release-status";
import type { RolloutSnapshot } from "@/lib/rollouts/load-rollout";
import { setRollout } from "@/lib/releases/set-rollout";
import type { RestPrincipal } from "./authenticate-api-key";
import { parseBody } from "./parse-body";
import { inApiFieldNames } from "./rest-field-names";
import {
  commandBodySchema,
  rollbackBodySchema,
  setPercentagesBodySchema,
  type RestChangeRequest,
  type RestCommand,
  type RestRollout,
} from "./rest-schemas";
import { isRolloutSnapshot, restChangeRequest, restRollout } from "./rest-views";

/** 200: applied (or nothing to do); 202: held for approval, nothing applied. */
export type RolloutChangeOutcome =
  | { kind: "applied"; changed: boolean; rollout: RestRollout }
  | { kind: "pending"; changeRequest: RestChangeRequest; rollout: RestRollout };

type Target = { releaseKey: string; environmentKey: string };

/** Runs a use case and puts its refusals in the API's terms (percent, the API's field names). */
async function inApiTerms<T>(target: Target, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ConflictError && isRolloutSnapshot(error.current)) {
      throw new ConflictError(error.message, restRollout(target.releaseKey, target.environmentKey, error.current));
    }
    if (error instanceof ValidationError) throw inApiFieldNames(error);
    throw error;
  }
}

function outcome(
  target: Target,
  rollout: RolloutSnapshot,
  pendingApproval: ChangeRequestView | undefined,
  changed: boolean,
): RolloutChangeOutcome {
  const current = restRollout(target.releaseKey, target.environmentKey, rollout);
  return pendingApproval
    ? { kind: "pending", changeRequest: restChangeRequest(pendingApproval), rollout: current }
    : { kind: "applied", changed, rollout: current };
}

/** PUT …/percentages: a partial update of the percentage table, through setRollout. */
export async function restSetPercentages(
  principal: RestPrincipal,
  target: Target,
  rawBody: unknown,
): Promise<RolloutChangeOutcome> {
  const body = parseBody(setPercentagesBodySchema, rawBody);
  return inApiTerms(target, async () => {
    // `default` may be left out: setRollout then keeps the one it reads at the expected version.
    const defaultBasisPoints = body.default === undefined ? undefined : percentToBasisPoints(body.default);
    const cohorts = Object.fromEntries(
      Object.entries(body.cohorts ?? {}).map(([key, percent]) => [
        key,
        percent === null ? null : percentToBasisPoints(percent),
      ]),
    );
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

/** POST …/{command}: start, pause, resume, promote, roll back, restart, restore, through changeReleaseStatus. */
export async function restRunCommand(
  principal: RestPrincipal,
  target: Target,
  command: RestCommand,
  rawBody: unknown,
): Promise<RolloutChangeOutcome> {
  const body =
    command === "rollback"
      ? parseBody(rollbackBodySchema, rawBody, { optional: true })
      : parseBody(commandBodySchema, rawBody);
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
