// One run's synthetic traffic: per cohort and variant, what the metrics backend would hold
// since the plan started (requests, errors, latency bins, exposed users, checkouts) and the
// exposed users since the current step started.
import type { ArmPair, CohortData } from "@/lib/domain/plans/decide-plan-tick";
import {
  binLayout,
  binProbabilities,
  drawLatencyMinute,
  LATENCY,
  quantileReader,
  type BinLayout,
} from "./latency-bins";
import type { Random } from "./random";

export const COHORT_COUNT = 20;
/** 2,000 requests a second, split evenly over the cohorts. */
export const REQUESTS_PER_COHORT_MINUTE = (2_000 * 60) / COHORT_COUNT;
/** New distinct users per minute ≈ requests / 5. */
export const USERS_PER_REQUEST = 1 / 5;
export const CONTROL_ERROR_RATE = 0.01;
export const CHECKOUTS_PER_USER = 0.03;

export const METRIC_KEYS = { errorRate: "error_rate", latency: "latency", checkouts: "checkouts" } as const;

/** What is wrong with the treatment, in one cohort. */
export type Harm = {
  cohort: number;
  /** Treatment's error rate (control's is CONTROL_ERROR_RATE). */
  errorRate?: number;
  /** Treatment's latencies multiplied by this. */
  latencyFactor?: number;
  /** Treatment's exposed users as counted, relative to what the split sends it (an exposure logging bug). */
  exposureFactor?: number;
};

export type TrafficModel = {
  layout: BinLayout;
  control: Float64Array;
  slow: Float64Array;
  harm: Harm | null;
};

const TREATMENT = 0;
const CONTROL = 1;
const Z999 = 3.090232306167813;

export function trafficModel(harm: Harm | null): TrafficModel {
  const factor = harm?.latencyFactor ?? 1;
  const sigma = Math.log(LATENCY.p95Ms / LATENCY.medianMs) / 1.6448536269514722;
  // From a little below the median (the p95 interval never reaches down there) to p99.9 of the slowest arm.
  const layout = binLayout(LATENCY.medianMs * 0.8, LATENCY.medianMs * Math.max(1, factor) * Math.exp(sigma * Z999));
  return {
    layout,
    control: binProbabilities(layout, LATENCY),
    slow: binProbabilities(layout, LATENCY, factor),
    harm,
  };
}

export class RunTraffic {
  private readonly bins: Float64Array;
  private readonly requests = new Float64Array(COHORT_COUNT * 2);
  private readonly errors = new Float64Array(COHORT_COUNT * 2);
  private readonly users = new Float64Array(COHORT_COUNT * 2);
  private readonly checkouts = new Float64Array(COHORT_COUNT * 2);
  private readonly stepUsers = new Float64Array(COHORT_COUNT * 2);
  private stepTag: number | null = null;
  /** Every exposed user so far, all cohorts and both variants; and those of the harmed cohort's treatment. */
  allUsers = 0;
  harmedUsers = 0;

  constructor(
    private readonly model: TrafficModel,
    private readonly random: Random,
  ) {
    this.bins = new Float64Array(COHORT_COUNT * 2 * model.layout.size);
  }

  /**
   * One simulated minute. `shares[c]` is the share of cohort c the release serves (0..1);
   * `stepStartedAt` names the plan's current step, whose exposure counts restart with it.
   */
  minute(shares: readonly number[], stepStartedAt: number): void {
    if (this.stepTag !== stepStartedAt) {
      this.stepUsers.fill(0);
      this.stepTag = stepStartedAt;
    }
    const { harm } = this.model;
    for (let cohort = 0; cohort < COHORT_COUNT; cohort++) {
      const share = Math.min(1, Math.max(0, shares[cohort] ?? 0));
      const harmed = harm !== null && harm.cohort === cohort;
      this.arm(cohort, TREATMENT, share, harmed ? harm : null);
      this.arm(cohort, CONTROL, 1 - share, null);
    }
  }

  private arm(cohort: number, variant: number, share: number, harm: Harm | null): void {
    if (!(share > 0)) return;
    const { uniform, poisson, binomial } = this.random;
    const cell = cohort * 2 + variant;
    const size = this.model.layout.size;
    const expected = REQUESTS_PER_COHORT_MINUTE * share;
    const probabilities = harm?.latencyFactor ? this.model.slow : this.model.control;
    const into = this.bins.subarray(cell * size, (cell + 1) * size);
    const requests = drawLatencyMinute(uniform, expected, probabilities, into);
    const errors = binomial(requests, harm?.errorRate ?? CONTROL_ERROR_RATE);
    const users = poisson(expected * USERS_PER_REQUEST * (harm?.exposureFactor ?? 1));
    this.requests[cell]! += requests;
    this.errors[cell]! += errors;
    this.users[cell]! += users;
    this.stepUsers[cell]! += users;
    this.checkouts[cell]! += poisson(CHECKOUTS_PER_USER * users);
    this.allUsers += users;
    if (harm) this.harmedUsers += users;
  }

  /** What the backend answers for one cohort: metrics since the plan started, exposures since `stepSince`. */
  cohortData(cohort: number, stepSince: number): CohortData {
    const arm = (variant: number) => {
      const cell = cohort * 2 + variant;
      const size = this.model.layout.size;
      return {
        errorRate: { kind: "error_rate" as const, requests: this.requests[cell]!, errors: this.errors[cell]! },
        latency: {
          kind: "latency" as const,
          ...quantileReader(this.model.layout, this.bins.subarray(cell * size, (cell + 1) * size)),
        },
        checkouts: { kind: "count" as const, exposedUsers: this.users[cell]!, events: this.checkouts[cell]! },
      };
    };
    const t = arm(TREATMENT);
    const c = arm(CONTROL);
    const pair = <K extends keyof typeof t>(key: K): ArmPair => ({ treatment: t[key], control: c[key] });
    const sameStep = this.stepTag === stepSince;
    return {
      metrics: {
        [METRIC_KEYS.errorRate]: pair("errorRate"),
        [METRIC_KEYS.latency]: pair("latency"),
        [METRIC_KEYS.checkouts]: pair("checkouts"),
      },
      // A step the traffic hasn't seen yet (it started this tick) has no exposures so far.
      exposures: sameStep
        ? { treatment: this.stepUsers[cohort * 2 + TREATMENT]!, control: this.stepUsers[cohort * 2 + CONTROL]! }
        : { treatment: 0, control: 0 },
    };
  }
}
