/**
 * Latency quantiles, after Howard & Ramdas (2022), "Sequential estimation of quantiles with
 * applications to A/B-testing and best-arm identification": at the true q-quantile ξ the
 * empirical CDF is a mean of Bernoulli(q) trials, so an anytime-valid half-width u_n for that
 * mean gives, at every look at once, ξ ∈ [Q̂(q − u_n), Q̂(q + u_n)]. We use the normal-mixture
 * boundary with variance q(1 − q) (asymptotic, like the other guardrails) where the paper also
 * offers exact beta-binomial bounds. Q̂ comes from a merged DDSketch whose values are within 1%
 * (relative) of the exact empirical quantile; the bounds are widened by that much, so the
 * sketch's error can't make an interval claim more than the data do.
 */
import type { HarmInterval } from "./guardrail-types";
import {
  effectWorthDetecting,
  MIN_SAMPLES_PER_ARM,
  mixtureHalfWidth,
  toHarm,
  type MeanComparisonSettings,
} from "./normal-mixture";

/** DDSketch's relative-accuracy guarantee as the metrics backend configures it. */
export const SKETCH_RELATIVE_ACCURACY = 0.01;
/** Besides MIN_SAMPLES_PER_ARM, each arm needs this many observations expected beyond the quantile on either side. */
export const MIN_TAIL_OBSERVATIONS = 10;

export type QuantileArm = { count: number; quantile: (q: number) => number | null };

/**
 * τ² for the CDF bound, in CDF units: (δ·q(1 − q))². A relative change δ of the q-quantile
 * moves the CDF there by about δ·f(ξ)·ξ, which for a log-normal latency of log-sd 1 is about
 * 2δ·q(1 − q); half of that per arm, since the relative difference adds the two arms' widths.
 * A heuristic: a τ² 10× too large widens the bounds by ~3%, 10× too small by ~13%.
 */
export function cdfMixingVariance(q: number, effect: number): number {
  return (effect * q * (1 - q)) ** 2;
}

/** u_n: the anytime-valid half-width for the empirical CDF at the true q-quantile after n observations. */
export function cdfHalfWidth(n: number, q: number, alpha: number, tau2: number): number {
  return mixtureHalfWidth((q * (1 - q)) / n, alpha, tau2);
}

function isLatency(value: number | null): value is number {
  return value !== null && Number.isFinite(value) && value >= 0;
}

/**
 * The confidence sequence for one arm's q-quantile at `alpha`: [Q̂(q − u)/(1 + ε), Q̂(q + u)/(1 − ε)],
 * with u = u_n + 1/n (one rank of slack for the sketch's rank convention). Below the data the
 * bound is 0 (latencies are not negative); above it, null (unbounded). Null when the sketch
 * answers something that is not a latency.
 */
export function quantileConfidenceSequence(
  arm: QuantileArm,
  q: number,
  alpha: number,
  effect: number,
  accuracy: number = SKETCH_RELATIVE_ACCURACY,
): { lower: number; upper: number | null } | null {
  const u = cdfHalfWidth(arm.count, q, alpha, cdfMixingVariance(q, effect)) + 1 / arm.count;
  const low = q - u > 0 ? arm.quantile(q - u) : 0;
  const high = q + u < 1 ? arm.quantile(q + u) : Number.POSITIVE_INFINITY;
  if (!isLatency(low) || !(high === Number.POSITIVE_INFINITY || isLatency(high))) return null;
  return { lower: low / (1 + accuracy), upper: Number.isFinite(high) ? high / (1 - accuracy) : null };
}

export type QuantileSettings = MeanComparisonSettings & { quantile: number; accuracy?: number };

/**
 * Treatment's q-quantile against control's as a relative harm (treatment/control − 1), alpha
 * split evenly between the two arms' sequences: lower = LB_T/UB_C − 1, upper = UB_T/LB_C − 1.
 */
export function compareQuantiles(
  treatment: QuantileArm,
  control: QuantileArm,
  settings: QuantileSettings,
): HarmInterval {
  const { alpha, tolerance, badDirection, quantile: q, accuracy = SKETCH_RELATIVE_ACCURACY } = settings;
  const nothing = { estimate: null, lower: null, upper: null };
  const valid = (n: number) => Number.isFinite(n) && n >= 0;
  if (!valid(treatment.count) || !valid(control.count) || !(q > 0 && q < 1)) {
    return { waiting: true, ...nothing, needed: null };
  }
  const needed = neededForQuantiles(control, treatment.count, settings);
  const enough = (n: number) => n >= MIN_SAMPLES_PER_ARM && n * Math.min(q, 1 - q) >= MIN_TAIL_OBSERVATIONS;
  if (!enough(treatment.count) || !enough(control.count)) return { waiting: true, ...nothing, needed };

  const effect = effectWorthDetecting(tolerance);
  const t = quantileConfidenceSequence(treatment, q, alpha / 2, effect, accuracy);
  const c = quantileConfidenceSequence(control, q, alpha / 2, effect, accuracy);
  const pointT = treatment.quantile(q);
  const pointC = control.quantile(q);
  if (t === null || c === null || !isLatency(pointT) || !isLatency(pointC)) {
    return { waiting: true, ...nothing, needed: null };
  }
  const interval = {
    estimate: pointC > 0 ? pointT / pointC - 1 : null,
    // A control bound of zero or none can't scale a relative difference: that side is unbounded.
    lower: c.upper !== null && c.upper > 0 ? t.lower / c.upper - 1 : -1,
    upper: t.upper !== null && c.lower > 0 ? t.upper / c.lower - 1 : null,
  };
  return { waiting: false, ...toHarm(interval, badDirection), needed };
}

/**
 * Treatment observations for the interval to clear the tolerance if treatment's distribution
 * were control's: control's own sketch stands in for both arms, at the current split. Searched
 * (the bounds tighten monotonically with n); null when no n does it (a tolerance below the
 * sketch's own 2% of slack) or without a positive tolerance.
 */
function neededForQuantiles(control: QuantileArm, treatmentN: number, settings: QuantileSettings): number | null {
  const { alpha, tolerance, badDirection, quantile: q, accuracy = SKETCH_RELATIVE_ACCURACY } = settings;
  const tol = tolerance.value;
  if (!(tol > 0) || !(control.count > 0)) return null;
  const controlPerTreatment = treatmentN > 0 ? control.count / treatmentN : Number.POSITIVE_INFINITY;
  const tau2 = cdfMixingVariance(q, effectWorthDetecting(tolerance));
  const halfWidth = (n: number) => (Number.isFinite(n) ? cdfHalfWidth(n, q, alpha / 2, tau2) + 1 / n : 0);
  const at = (p: number, outside: number) => (p > 0 && p < 1 ? control.quantile(p) : outside);
  const clears = (n: number): boolean => {
    const uT = halfWidth(n);
    const uC = halfWidth(n * controlPerTreatment);
    if (badDirection === "up") {
      const high = at(q + uT, Number.POSITIVE_INFINITY);
      const low = at(q - uC, 0);
      if (!isLatency(high) || !isLatency(low) || !(low > 0)) return false;
      return (high * (1 + accuracy)) / (low * (1 - accuracy)) - 1 <= tol;
    }
    const low = at(q - uT, 0);
    const high = at(q + uC, Number.POSITIVE_INFINITY);
    if (!isLatency(high) || !isLatency(low) || !Number.isFinite(high) || !(high > 0)) return false;
    return 1 - (low * (1 - accuracy)) / (high * (1 + accuracy)) <= tol;
  };
  let high = MIN_SAMPLES_PER_ARM;
  while (!clears(high)) {
    high *= 2;
    if (high > 1e13) return null;
  }
  let low = high / 2;
  if (high === MIN_SAMPLES_PER_ARM) return high;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (clears(middle)) high = middle;
    else low = middle;
  }
  return high;
}
