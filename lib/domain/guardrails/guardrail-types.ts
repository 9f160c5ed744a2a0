/**
 * What a guardrail judges and what it answers. The controller reads one `GuardrailInput` per
 * cohort × metric from the metrics backend (cumulative over the plan so far) and turns it into
 * a `GuardrailVerdict` with `judgeGuardrail` (judge-guardrail.ts). Pure data; no I/O.
 */

/** Kinds a guardrail can judge: an error rate from counts, a latency quantile from sketches, a count per exposed user. */
export type GuardrailMetricKind = "error_rate" | "latency" | "count";

/**
 * How much worse treatment may be than control before it is harm, in the metric's bad direction.
 * `absolute`: a difference of rates (error rate only; 0.005 = 0.5 percentage points).
 * `relative`: treatment / control − 1 (0.1 = 10% worse).
 */
export type Tolerance = { kind: "absolute" | "relative"; value: number };

/** One variant's data over the window, as the backend counts it. */
export type ArmData =
  | { kind: "error_rate"; requests: number; errors: number }
  | { kind: "count"; exposedUsers: number; events: number }
  | {
      kind: "latency";
      /** Observations behind the distribution. */
      count: number;
      /** The value at quantile q (0 < q < 1) of the merged distribution; null when empty. */
      quantile: (q: number) => number | null;
    };

export type GuardrailInput = {
  kind: GuardrailMetricKind;
  badDirection: "up" | "down";
  /** For latency: which quantile is guarded (0.95 for p95). Ignored otherwise. */
  quantile?: number;
  tolerance: Tolerance;
  /** This comparison's share of the plan's error budget (already split). */
  alpha: number;
  treatment: ArmData;
  control: ArmData;
};

/**
 * waiting: too few samples to say anything yet (see `needed`).
 * healthy: the whole interval is within tolerance (the step may count as baked).
 * inconclusive: enough samples to start, but the interval still straddles the tolerance.
 * breach: the whole interval is past the tolerance: harm, with the error budget held.
 */
export type GuardrailState = "waiting" | "healthy" | "inconclusive" | "breach";

export type GuardrailVerdict = {
  state: GuardrailState;
  /**
   * Harm in the tolerance's units (absolute difference of rates, or relative difference),
   * signed so that positive is worse in the metric's bad direction; null while waiting, or when
   * a relative difference has a control of zero.
   */
  estimate: number | null;
  /**
   * The anytime-valid interval for the harm at this alpha; null while waiting, and a null bound
   * is unbounded on that side (a relative difference to a control that has shown no events yet).
   */
  lower: number | null;
  upper: number | null;
  tolerance: Tolerance;
  /** Observations so far: requests (error rate), exposed users (count), observations (latency). */
  samples: { treatment: number; control: number };
  /**
   * About how many treatment samples the interval needs to be narrow enough to call the step
   * healthy if treatment were no worse than control; null when it can't be told.
   */
  needed: number | null;
};

/**
 * What a metric module (proportion-difference, rate-per-user, quantile-bounds) answers before
 * `judgeGuardrail` names the state: the harm interval, signed like `GuardrailVerdict`. A null
 * bound is unbounded on that side (a ratio to a control that can't yet be told from zero).
 */
export type HarmInterval = {
  /** Below the minimum-sample rule: no interval yet. */
  waiting: boolean;
  estimate: number | null;
  lower: number | null;
  upper: number | null;
  needed: number | null;
};

/** Sample ratio mismatch: exposed users per variant against the configured split. */
export type SampleRatioVerdict = {
  mismatch: boolean;
  /** Observed share of exposed users in treatment. */
  observedShare: number | null;
  expectedShare: number;
  /** log of the Bayes factor against "the split is as configured" (anytime-valid: mismatch when ≥ log(1/alpha)). */
  logBayesFactor: number;
  samples: { treatment: number; control: number };
};
