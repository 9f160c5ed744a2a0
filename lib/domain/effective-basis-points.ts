import { MAX_BASIS_POINTS } from "./percent";
import type { ReleaseStatus } from "./rollout-state";

/**
 * The share users actually get, given the status: everyone once promoted; the configured
 * share while rolling out or paused (a pause freezes the ramp, not the split); nobody
 * otherwise — a draft, a roll back, or a status this code doesn't know (fail closed).
 * `basisPoints` is what is configured for the user's cohort, or for everyone else.
 */
export function effectiveBasisPoints(status: ReleaseStatus, basisPoints: number): number {
  if (status === "promoted") return MAX_BASIS_POINTS;
  if (status === "rolling" || status === "paused") return basisPoints;
  return 0;
}
