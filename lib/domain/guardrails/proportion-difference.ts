/**
 * Error rates: errors / requests per arm, treatment against control in the same cohort and
 * window. Each request counts as an independent Bernoulli trial (see docs/guardrails.md for
 * what that assumption costs when one user's errors come in bursts).
 */
import type { HarmInterval } from "./guardrail-types";
import { compareMeans, eventFloor, type ArmMoments, type MeanComparisonSettings } from "./normal-mixture";

export type ErrorCounts = { requests: number; errors: number };

function isValid(arm: ErrorCounts): boolean {
  const { requests, errors } = arm;
  return Number.isFinite(requests) && Number.isFinite(errors) && errors >= 0 && requests >= errors;
}

/**
 * The arm as a mean per request with its Bernoulli variance p̃(1 − p̃), where p̃ adds the event
 * floor to both errors and successes: p̃ = (x + e)/(n + 2e), e = ln(1/α) (see eventFloor). So
 * neither zero errors nor zero successes gives a variance of zero.
 */
export function errorRateMoments(arm: ErrorCounts, alpha: number): ArmMoments {
  const { requests: n, errors: x } = arm;
  const floor = eventFloor(alpha);
  const floored = (x + floor) / (n + 2 * floor);
  return { n, mean: n > 0 ? x / n : 0, unitVariance: floored * (1 - floored), flooredMean: floored };
}

/**
 * Treatment's error rate against control's as harm: with an absolute tolerance the difference
 * p_T − p_C (0.005 = half a percentage point), with a relative one p_T/p_C − 1. Invalid counts
 * (negative, NaN, more errors than requests) answer "waiting" with nothing known.
 */
export function compareErrorRates(
  treatment: ErrorCounts,
  control: ErrorCounts,
  settings: MeanComparisonSettings,
): HarmInterval {
  if (!isValid(treatment) || !isValid(control)) {
    return { waiting: true, estimate: null, lower: null, upper: null, needed: null };
  }
  return compareMeans(errorRateMoments(treatment, settings.alpha), errorRateMoments(control, settings.alpha), settings);
}
