/**
 * Counts per exposed user (events / exposed users per arm), e.g. checkouts or crashes per user.
 * Events are taken as Poisson given the users, so the variance of the mean is λ/n. Two things
 * this leaves out (docs/guardrails.md): events that cluster in a few heavy users make the real
 * variance larger than Poisson's, and the exposed users come from a HyperLogLog (~2.3% relative
 * error), an error that does not shrink with more data.
 */
import type { HarmInterval } from "./guardrail-types";
import { compareMeans, eventFloor, type ArmMoments, type MeanComparisonSettings } from "./normal-mixture";

export type UserCounts = { exposedUsers: number; events: number };

function isValid(arm: UserCounts): boolean {
  const { exposedUsers, events } = arm;
  return Number.isFinite(exposedUsers) && Number.isFinite(events) && exposedUsers >= 0 && events >= 0;
}

/** The arm as a mean per user with Poisson variance λ̃ = (events + e)/n, e = ln(1/α) events (see eventFloor). */
export function ratePerUserMoments(arm: UserCounts, alpha: number): ArmMoments {
  const { exposedUsers: n, events } = arm;
  const floored = n > 0 ? (events + eventFloor(alpha)) / n : 0;
  return { n, mean: n > 0 ? events / n : 0, unitVariance: floored, flooredMean: floored };
}

/**
 * Treatment's events per user against control's as harm. Meant for a relative tolerance
 * (treatment/control − 1); the absolute difference is computed too, but `judgeGuardrail` only
 * asks for it on error rates. Invalid counts (negative, NaN) answer "waiting" with nothing known.
 */
export function compareRatesPerUser(
  treatment: UserCounts,
  control: UserCounts,
  settings: MeanComparisonSettings,
): HarmInterval {
  if (!isValid(treatment) || !isValid(control)) {
    return { waiting: true, estimate: null, lower: null, upper: null, needed: null };
  }
  return compareMeans(
    ratePerUserMoments(treatment, settings.alpha),
    ratePerUserMoments(control, settings.alpha),
    settings,
  );
}
