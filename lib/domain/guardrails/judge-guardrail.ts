/**
 * One guardrail, one cohort, one look: the anytime-valid harm interval for the metric (at the
 * comparison's share of the plan's error budget) against the tolerance. Called every minute
 * for hours on cumulative data; the intervals hold at every look at once, so peeking is free.
 */
import type { ArmData, GuardrailInput, GuardrailVerdict, HarmInterval } from "./guardrail-types";
import { compareErrorRates } from "./proportion-difference";
import { compareQuantiles } from "./quantile-bounds";
import { compareRatesPerUser } from "./rate-per-user";

function samplesOf(arm: ArmData): number {
  const n = arm.kind === "error_rate" ? arm.requests : arm.kind === "count" ? arm.exposedUsers : arm.count;
  return Number.isFinite(n) && n >= 0 ? n : 0;
}

function finiteOrNull(x: number | null): number | null {
  return x !== null && Number.isFinite(x) ? x : null;
}

const WAITING: HarmInterval = { waiting: true, estimate: null, lower: null, upper: null, needed: null };

function harmInterval(input: GuardrailInput): HarmInterval {
  const { kind, alpha, tolerance, badDirection, treatment, control } = input;
  if (!(alpha > 0 && alpha < 1) || !Number.isFinite(tolerance.value)) return WAITING;
  // An absolute tolerance is a difference of rates: only error rates have one. The plan's
  // schema refuses the rest; here they wait rather than throw in the controller's loop.
  if (tolerance.kind === "absolute" && kind !== "error_rate") return WAITING;
  const settings = { alpha, tolerance, badDirection };
  if (kind === "error_rate" && treatment.kind === "error_rate" && control.kind === "error_rate") {
    return compareErrorRates(treatment, control, settings);
  }
  if (kind === "count" && treatment.kind === "count" && control.kind === "count") {
    return compareRatesPerUser(treatment, control, settings);
  }
  if (kind === "latency" && treatment.kind === "latency" && control.kind === "latency") {
    return compareQuantiles(treatment, control, { ...settings, quantile: input.quantile ?? Number.NaN });
  }
  return WAITING;
}

/**
 * breach: the whole interval is past the tolerance (lower > tolerance); healthy: all of it is
 * within (upper ≤ tolerance); inconclusive: it straddles; waiting: below the minimum samples
 * (MIN_SAMPLES_PER_ARM per arm, more for far quantiles) or input that can't be judged
 * (negative or non-finite counts, alpha outside (0, 1), arms of another kind). Every number
 * out is finite or null.
 */
export function judgeGuardrail(input: GuardrailInput): GuardrailVerdict {
  const samples = { treatment: samplesOf(input.treatment), control: samplesOf(input.control) };
  const interval = harmInterval(input);
  const needed = finiteOrNull(interval.needed);
  if (interval.waiting) {
    return { state: "waiting", estimate: null, lower: null, upper: null, tolerance: input.tolerance, samples, needed };
  }
  const lower = finiteOrNull(interval.lower);
  const upper = finiteOrNull(interval.upper);
  const tolerance = input.tolerance.value;
  const state =
    lower !== null && lower > tolerance ? "breach" : upper !== null && upper <= tolerance ? "healthy" : "inconclusive";
  return {
    state,
    estimate: finiteOrNull(interval.estimate),
    lower,
    upper,
    tolerance: input.tolerance,
    samples,
    needed,
  };
}
