/**
 * The normal-mixture confidence sequence (Robbins 1970; the mixture SPRT of Johari, Pekelis &
 * Walsh, "Always Valid Inference"), the one boundary every guardrail stands on. For an estimate
 * D̂ of a difference D with variance V, the mixture over D ~ N(0, τ²) of the likelihood ratios is
 * a martingale, so by Ville's inequality |D̂ − D| < h(V, α, τ²) holds at every look at once with
 * probability ≥ 1 − α — however often the controller peeks. V is a plug-in (estimated) variance,
 * which makes the guarantee asymptotic (Waudby-Smith et al., time-uniform CLT); see
 * docs/guardrails.md for the method as a whole.
 */
import type { HarmInterval, Tolerance } from "./guardrail-types";

/** Each arm needs this many samples (requests, exposed users, observations) before any verdict but "waiting". */
export const MIN_SAMPLES_PER_ARM = 100;

/**
 * The effect the mixture is tuned to when the tolerance is zero. τ² = δ² makes the boundary
 * tightest when its half-width is about δ, i.e. exactly when a decision at δ becomes possible;
 * a τ² too large costs only a log factor, one too small costs a lot, so the defaults lean large.
 */
export const DEFAULT_EFFECT = { absolute: 0.005, relative: 0.1 } as const;
/** Tolerances below these still tune the mixture to these (a τ² near zero makes early intervals useless). */
const MIN_EFFECT = { absolute: 0.0001, relative: 0.01 } as const;

/** δ, the effect worth detecting: the tolerance itself, since that is the half-width where "healthy" becomes possible. */
export function effectWorthDetecting(tolerance: Tolerance): number {
  const size = Math.abs(tolerance.value);
  if (!(size > 0) || !Number.isFinite(size)) return DEFAULT_EFFECT[tolerance.kind];
  return Math.max(size, MIN_EFFECT[tolerance.kind]);
}

/**
 * Events added to an arm's count when computing its variance, so zero or few events don't give
 * a variance near zero and an interval that claims too much. ln(1/α) events (8.7 at 0.01/60):
 * with it the mixture's upper bound on an arm with x events stays above the exact two-sided
 * Poisson bound of a single fixed-size look, for every x, even where the mixture is tightest
 * (checked with scipy for α from 0.05 down to 1e-6; half as many events fell short at small α).
 * The mean itself is never floored; only its variance and the relative test's τ² are.
 */
export function eventFloor(alpha: number): number {
  return Math.max(0.5, Math.log(1 / alpha));
}

/** h(V, α, τ²) = √( 2V(V+τ²)/τ² · (ln(1/α) + ½ ln((V+τ²)/V)) ). Increasing in V; zero at V = 0. */
export function mixtureHalfWidth(variance: number, alpha: number, tau2: number): number {
  if (variance === 0) return 0;
  return Math.sqrt(2 * variance * (1 + variance / tau2) * (Math.log(1 / alpha) + 0.5 * Math.log1p(tau2 / variance)));
}

/** Whether the mixture test rejects "the difference is zero" for a statistic `difference` of variance `variance`. */
export function mixtureRejects(difference: number, variance: number, alpha: number, tau2: number): boolean {
  return Math.abs(difference) >= mixtureHalfWidth(variance, alpha, tau2);
}

/** The variance at which the half-width comes down to `halfWidth` (the inverse of mixtureHalfWidth in V). */
export function varianceForHalfWidth(halfWidth: number, alpha: number, tau2: number): number {
  if (!(halfWidth > 0)) return 0;
  // h ≥ √(2V ln(1/α)), so the answer is at most h²/(2 ln(1/α)); walk down for a lower bracket.
  let high = (halfWidth * halfWidth) / (2 * Math.log(1 / alpha));
  let low = high / 2;
  while (mixtureHalfWidth(low, alpha, tau2) > halfWidth) low /= 2;
  for (let i = 0; i < 200 && high - low > high * 1e-13; i++) {
    const middle = (low + high) / 2;
    if (mixtureHalfWidth(middle, alpha, tau2) > halfWidth) high = middle;
    else low = middle;
  }
  return low;
}

/** An estimate of a mean, the variance of that estimate, and the mean with the event floor added (never zero). */
export type MeanEstimate = { mean: number; variance: number; flooredMean: number };

/**
 * Whether the mixture test of H0: μ_T = (1+θ)·μ_C rejects, on D = μ̂_T − (1+θ)μ̂_C with variance
 * V_T + (1+θ)²V_C. Each θ has its own test, so τ² may depend on θ: τ = δ·m with m the larger of
 * the hypothesised treatment mean (1+θ)·μ̃_C, the control mean μ̃_C and treatment's own μ̃_T
 * (floored means, plug-ins like the variance; under H0 they all tend to max(1, 1+θ)·μ_C).
 * Why not a fixed τ²: the test of a large θ has V ≫ τ², where the boundary grows like V, not
 * √V, so every θ far enough out would be accepted and no interval would be bounded above. Why
 * treatment's mean: against a control near zero, δ·μ̃_C is so small next to treatment's own
 * noise that no data, however bad, would reject (a mixture tuned far below the truth is blind).
 */
export function ratioRejects(
  theta: number,
  treatment: MeanEstimate,
  control: MeanEstimate,
  alpha: number,
  effect: number,
): boolean {
  const r = 1 + theta;
  const tau = effect * Math.max(control.flooredMean, r * control.flooredMean, treatment.flooredMean);
  return mixtureRejects(
    treatment.mean - r * control.mean,
    treatment.variance + r * r * control.variance,
    alpha,
    tau * tau,
  );
}

const UNBOUNDED_RATIO = 1e12;

/** Bisection between an accepted and a rejected ratio r = 1 + θ; returns the boundary. */
function boundary(accepted: number, rejected: number, rejects: (r: number) => boolean): number {
  let a = accepted;
  let b = rejected;
  for (let i = 0; i < 200 && Math.abs(b - a) > 1e-12 * Math.max(1, Math.abs(a)); i++) {
    const middle = (a + b) / 2;
    if (rejects(middle)) b = middle;
    else a = middle;
  }
  return (a + b) / 2;
}

/**
 * The confidence sequence for θ = μ_T/μ_C − 1, as the set of θ that `ratioRejects` does not
 * reject (so the interval shown and the decision at the tolerance agree). Below the estimate,
 * |D| grows as θ falls while the boundary shrinks with V, so bisection finds the crossing;
 * above it the search doubles until a rejection and bisects, and reports an unbounded upper
 * end (null) when none comes: a control that can't yet be told from zero (Fieller's case).
 * The tests check the ends against `ratioRejects` itself.
 */
export function ratioConfidenceSequence(
  treatment: MeanEstimate,
  control: MeanEstimate,
  alpha: number,
  effect: number,
): { lower: number; upper: number | null } {
  const rejects = (r: number) => ratioRejects(r - 1, treatment, control, alpha, effect);
  let accepted: number | null = control.mean > 0 ? treatment.mean / control.mean : null;
  if (accepted === null) {
    for (let r = 1; r <= UNBOUNDED_RATIO; r *= 2) {
      if (!rejects(r)) {
        accepted = r;
        break;
      }
    }
    if (accepted === null) return { lower: -1, upper: null };
  }
  const lower = rejects(0) ? boundary(accepted, 0, rejects) - 1 : -1;
  let inside = accepted;
  for (let r = Math.max(accepted, 1) * 2; r <= UNBOUNDED_RATIO; r *= 2) {
    if (rejects(r)) return { lower, upper: boundary(inside, r, rejects) - 1 };
    inside = r;
  }
  return { lower, upper: null };
}

/** One arm of a comparison of means per unit (errors per request, events per exposed user). */
export type ArmMoments = {
  n: number;
  /** The observed mean per unit. */
  mean: number;
  /** The variance of one unit's value, computed at the floored mean (see eventFloor). */
  unitVariance: number;
  /** The mean with the event floor added: never zero, so it can scale the relative test's τ². */
  flooredMean: number;
};

export type MeanComparisonSettings = { alpha: number; tolerance: Tolerance; badDirection: "up" | "down" };

/** Turns an interval for treatment − control (or treatment/control − 1) into harm: positive is worse. */
export function toHarm(
  interval: { estimate: number | null; lower: number | null; upper: number | null },
  badDirection: "up" | "down",
): { estimate: number | null; lower: number | null; upper: number | null } {
  if (badDirection === "up") return interval;
  const flip = (x: number | null) => (x === null ? null : -x);
  return { estimate: flip(interval.estimate), lower: flip(interval.upper), upper: flip(interval.lower) };
}

/**
 * Treatment against control for means per unit: the absolute difference with the plain
 * mixture interval, or the relative one by inverting `ratioRejects`; signed as harm.
 */
export function compareMeans(
  treatment: ArmMoments,
  control: ArmMoments,
  settings: MeanComparisonSettings,
): HarmInterval {
  const { alpha, tolerance, badDirection } = settings;
  const needed = neededForMeans(control, treatment.n, settings);
  if (treatment.n < MIN_SAMPLES_PER_ARM || control.n < MIN_SAMPLES_PER_ARM) {
    return { waiting: true, estimate: null, lower: null, upper: null, needed };
  }
  const effect = effectWorthDetecting(tolerance);
  const estimateOf = (arm: ArmMoments) => ({
    mean: arm.mean,
    variance: arm.unitVariance / arm.n,
    flooredMean: arm.flooredMean,
  });
  const t = estimateOf(treatment);
  const c = estimateOf(control);
  if (tolerance.kind === "absolute") {
    const estimate = t.mean - c.mean;
    const halfWidth = mixtureHalfWidth(t.variance + c.variance, alpha, effect * effect);
    const harm = toHarm({ estimate, lower: estimate - halfWidth, upper: estimate + halfWidth }, badDirection);
    return { waiting: false, ...harm, needed };
  }
  const estimate = c.mean > 0 ? t.mean / c.mean - 1 : null;
  const interval = ratioConfidenceSequence(t, c, alpha, effect);
  return { waiting: false, ...toHarm({ estimate, ...interval }, badDirection), needed };
}

/**
 * About how many treatment units the interval needs to clear the tolerance if treatment were
 * just like control: the variance at which the boundary at θ = ±tolerance equals the distance
 * to it, divided into the per-unit variance at the current control/treatment split. Null
 * without a positive tolerance (with zero tolerance, no harm never makes the upper bound ≤ 0).
 */
export function neededForMeans(
  control: ArmMoments,
  treatmentN: number,
  settings: MeanComparisonSettings,
): number | null {
  const { alpha, tolerance, badDirection } = settings;
  const tol = tolerance.value;
  if (!(tol > 0) || !(control.n > 0) || !(control.unitVariance > 0)) return null;
  const controlPerTreatment = treatmentN > 0 ? control.n / treatmentN : Number.POSITIVE_INFINITY;
  const effect = effectWorthDetecting(tolerance);
  let distance = tol;
  let r = 1;
  let tau2 = effect * effect;
  if (tolerance.kind === "relative") {
    r = badDirection === "up" ? 1 + tol : 1 - tol;
    // A fall of 100% or more is not possible: the harm can't pass the tolerance.
    if (r <= 0) return MIN_SAMPLES_PER_ARM;
    const mean = control.mean > 0 ? control.mean : control.flooredMean;
    distance = tol * mean;
    tau2 = (effect * control.flooredMean * Math.max(1, r)) ** 2;
  }
  const variance = varianceForHalfWidth(distance, alpha, tau2);
  const n = (control.unitVariance * (1 + (r * r) / controlPerTreatment)) / variance;
  return Number.isFinite(n) ? Math.max(MIN_SAMPLES_PER_ARM, Math.ceil(n)) : null;
}
