/**
 * Sequential sample-ratio-mismatch test: are exposed users split between treatment and control
 * as configured? Lindon & Malek, "Anytime-Valid Inference for Multinomial Count Data" (NeurIPS
 * 2022), as in the reference implementation optimizely/ssrm: the Bayes factor of a
 * Dirichlet-multinomial alternative (prior mean at the configured split, concentration 10 000)
 * against the configured multinomial. Under the configured split it is a martingale, so by
 * Ville's inequality it passes 1/α with probability ≤ α however often it is looked at. The
 * Dirichlet-multinomial likelihood depends on the totals only, so cumulative counts give the
 * same value as feeding the users one by one.
 */
import type { SampleRatioVerdict } from "./guardrail-types";

/** The prior's concentration around the configured split (ssrm's default). */
export const SRM_CONCENTRATION = 10_000;
/** Relative standard error of the HyperLogLog counts of exposed users (precision 11: 1.04/√2048). */
export const HLL_RELATIVE_ERROR = 0.023;
/**
 * The observed treatment share must be off the configured one by more than this (relative)
 * before a mismatch is called. The user counts come from HyperLogLog sketches, whose ~2.3%
 * error does not shrink with more users: with millions of users the Bayes factor alone would
 * call any sketch error a mismatch. With two independent sketches the share's relative error
 * is about √2·2.3%·(1 − share): 1.6% at a 50/50 split but 3.1% at 5% treatment, where 5% is
 * only 1.6 of those (see docs/guardrails.md); raise it for small shares.
 */
export const DEFAULT_MIN_RELATIVE_DEVIATION = 0.05;

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(x) for x > 0: Stirling's series from 15 up (error < 1e-13), the recurrence below it. */
export function logGamma(x: number): number {
  let shift = 0;
  let y = x;
  while (y < 15) {
    shift += Math.log(y);
    y += 1;
  }
  const inverse = 1 / y;
  const inverse2 = inverse * inverse;
  const series = inverse * (1 / 12 - inverse2 * (1 / 360 - inverse2 * (1 / 1260 - inverse2 / 1680)));
  return (y - 0.5) * Math.log(y) - y + HALF_LOG_TWO_PI + series - shift;
}

export type SampleCounts = { treatment: number; control: number };

/** ln of the Bayes factor (Dirichlet-multinomial against the configured split) for the counts so far. */
export function sampleRatioLogBayesFactor(
  counts: SampleCounts,
  expectedTreatmentShare: number,
  concentration: number = SRM_CONCENTRATION,
): number {
  const shares = [expectedTreatmentShare, 1 - expectedTreatmentShare];
  const n = [counts.treatment, counts.control];
  const total = n[0]! + n[1]!;
  if (total === 0) return 0;
  let alternative = logGamma(concentration) - logGamma(concentration + total);
  let configured = 0;
  for (let i = 0; i < 2; i++) {
    const prior = shares[i]! * concentration;
    alternative += logGamma(prior + n[i]!) - logGamma(prior);
    if (n[i]! > 0) configured += n[i]! * Math.log(shares[i]!);
  }
  return alternative - configured;
}

export type SampleRatioOptions = { minRelativeDeviation?: number; concentration?: number };

/**
 * Mismatch when ln BF ≥ ln(1/α) and the observed treatment share is more than
 * `minRelativeDeviation` (relative) off the configured one. Counts must be over a window with
 * one configured split (one step; see sampleRatioAlpha). Invalid input (negative or
 * non-finite counts, a share or alpha outside (0, 1)) is never a mismatch.
 */
export function sampleRatioTest(
  counts: SampleCounts,
  expectedTreatmentShare: number,
  alpha: number,
  options: SampleRatioOptions = {},
): SampleRatioVerdict {
  const { minRelativeDeviation = DEFAULT_MIN_RELATIVE_DEVIATION, concentration = SRM_CONCENTRATION } = options;
  const valid = (x: number) => Number.isFinite(x) && x >= 0;
  const samples = {
    treatment: valid(counts.treatment) ? counts.treatment : 0,
    control: valid(counts.control) ? counts.control : 0,
  };
  const total = samples.treatment + samples.control;
  const observedShare = total > 0 ? samples.treatment / total : null;
  const none = { mismatch: false, observedShare, expectedShare: expectedTreatmentShare, logBayesFactor: 0, samples };
  if (
    !valid(counts.treatment) ||
    !valid(counts.control) ||
    !(expectedTreatmentShare > 0 && expectedTreatmentShare < 1) ||
    !(alpha > 0 && alpha < 1) ||
    !(concentration > 0) ||
    observedShare === null
  ) {
    return none;
  }
  const logBayesFactor = sampleRatioLogBayesFactor(samples, expectedTreatmentShare, concentration);
  if (!Number.isFinite(logBayesFactor)) return none;
  const deviation = Math.abs(observedShare / expectedTreatmentShare - 1);
  return {
    ...none,
    mismatch: logBayesFactor >= Math.log(1 / alpha) && deviation > minRelativeDeviation,
    logBayesFactor,
  };
}
