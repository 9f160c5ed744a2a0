import "server-only";
import type { RolloutChangeOutcome } from "./rest-rollout-changes";
import { restJson } from "./rest-route";

/** 200 `{ changed, rollout }` when applied; 202 `{ changeRequest, rollout }` + Location when held for approval. */
export function restRolloutChangeResponse(outcome: RolloutChangeOutcome): Response {
  if (outcome.kind === "pending") {
    return restJson({ changeRequest: outcome.changeRequest, rollout: outcome.rollout }, 202, {
      Location: `/api/v1/change-requests/${encodeURIComponent(outcome.changeRequest.id)}`,
    });
  }
  return restJson({ changed: outcome.changed, rollout: outcome.rollout });
}
