// Why detection takes as long as it does: the real statistics on expected counts (no noise),
// against the samples this traffic brings per minute.
import type { ArmData, GuardrailVerdict } from "@/lib/domain/guardrails/guardrail-types";
import { judgeGuardrail } from "@/lib/domain/guardrails/judge-guardrail";
import { sampleRatioTest } from "@/lib/domain/guardrails/sample-ratio";
import { comparisonAlphas, HEALTH_ALPHA } from "@/lib/domain/plans/decide-plan-tick";
import { planDefinitionSchema, type PlanDefinitionInput } from "@/lib/plans/plan-schemas";
import { quantileReader } from "./latency-bins";
import {
  CHECKOUTS_PER_USER,
  COHORT_COUNT,
  CONTROL_ERROR_RATE,
  REQUESTS_PER_COHORT_MINUTE,
  trafficModel,
  USERS_PER_REQUEST,
} from "./traffic";

const HORIZON_MINUTES = 24 * 60;
const SHARES = [0.05, 0.1, 0.25, 0.5];

export type BreachArithmetic = {
  alpha: number;
  share: number;
  perMinute: number;
  /** First minute the expected counts breach, the treatment samples by then, and the interval at 5 minutes. */
  minutes: number | null;
  samples: number | null;
  atFive: GuardrailVerdict;
  /** Minutes to a breach at other splits of the cohort. */
  bySplit: { share: number; minutes: number | null }[];
};

function alphasOf(plan: PlanDefinitionInput) {
  const parsed = planDefinitionSchema.parse(plan);
  // Units: the team's cohorts and everyone else, as the controller counts them.
  return { parsed, ...comparisonAlphas(parsed, COHORT_COUNT + 1) };
}

type Harmed = "errors" | "latency";

function verdictAt(kind: Harmed, plan: PlanDefinitionInput, share: number, minutes: number): GuardrailVerdict {
  const { parsed, breach } = alphasOf(plan);
  const metric = parsed.guardrails.metrics[kind === "errors" ? 0 : 1]!;
  const treatmentN = REQUESTS_PER_COHORT_MINUTE * share * minutes;
  const controlN = REQUESTS_PER_COHORT_MINUTE * (1 - share) * minutes;
  const arms: { treatment: ArmData; control: ArmData } =
    kind === "errors"
      ? {
          treatment: { kind: "error_rate", requests: treatmentN, errors: treatmentN * 2 * CONTROL_ERROR_RATE },
          control: { kind: "error_rate", requests: controlN, errors: controlN * CONTROL_ERROR_RATE },
        }
      : { treatment: expectedLatency(treatmentN, 1.3), control: expectedLatency(controlN, 1) };
  return judgeGuardrail({
    kind: kind === "errors" ? "error_rate" : "latency",
    badDirection: "up",
    quantile: metric.quantile ?? undefined,
    tolerance: metric.tolerance,
    alpha: breach,
    ...arms,
  });
}

const LATENCY_MODEL = trafficModel({ cohort: 0, latencyFactor: 1.3 });

function expectedLatency(count: number, factor: number): ArmData {
  const model = LATENCY_MODEL;
  const probabilities = factor === 1 ? model.control : model.slow;
  return {
    kind: "latency",
    ...quantileReader(
      model.layout,
      probabilities.map((p) => p * count),
    ),
  };
}

function minutesToBreach(kind: Harmed, plan: PlanDefinitionInput, share: number): number | null {
  for (let minutes = 1; minutes <= HORIZON_MINUTES; minutes++) {
    if (verdictAt(kind, plan, share, minutes).state === "breach") return minutes;
  }
  return null;
}

export function breachArithmetic(kind: Harmed, plan: PlanDefinitionInput, share: number): BreachArithmetic {
  const minutes = minutesToBreach(kind, plan, share);
  const perMinute = REQUESTS_PER_COHORT_MINUTE * share;
  return {
    alpha: alphasOf(plan).breach,
    share,
    perMinute,
    minutes,
    samples: minutes === null ? null : perMinute * minutes,
    atFive: verdictAt(kind, plan, share, 5),
    bySplit: SHARES.map((s) => ({ share: s, minutes: minutesToBreach(kind, plan, s) })),
  };
}

export type SampleRatioArithmetic = {
  alpha: number;
  bySplit: { share: number; users: number | null; minutes: number | null }[];
};

/** Exposed users (both variants) a step needs before a 10% treatment deficit is called, on expected counts. */
export function sampleRatioArithmetic(plan: PlanDefinitionInput, deficit: number): SampleRatioArithmetic {
  const { sampleRatio } = alphasOf(plan);
  const usersPerMinute = REQUESTS_PER_COHORT_MINUTE * USERS_PER_REQUEST;
  return {
    alpha: sampleRatio,
    bySplit: SHARES.map((share) => {
      for (let minutes = 1; minutes <= HORIZON_MINUTES; minutes++) {
        const users = usersPerMinute * minutes;
        const counts = { treatment: users * share * (1 - deficit), control: users * (1 - share) };
        if (sampleRatioTest(counts, share, sampleRatio).mismatch) {
          return { share, users: counts.treatment + counts.control, minutes };
        }
      }
      return { share, users: null, minutes: null };
    }),
  };
}

/**
 * Minutes until the checkouts guardrail of one cohort is healthy (at HEALTH_ALPHA) at a fixed
 * split, on expected counts: the median cohort. The slowest of twenty, with noise, takes
 * about three times as long (its estimate sits ~2 standard errors off).
 */
export function checkoutsHealthyMinutes(
  tolerance: number,
  share: number,
): { minutes: number | null; users: number | null } {
  const usersPerMinute = REQUESTS_PER_COHORT_MINUTE * USERS_PER_REQUEST;
  const arm = (users: number) => ({ kind: "count" as const, exposedUsers: users, events: users * CHECKOUTS_PER_USER });
  for (let minutes = 1; minutes <= 10 * HORIZON_MINUTES; minutes++) {
    const verdict = judgeGuardrail({
      kind: "count",
      badDirection: "down",
      tolerance: { kind: "relative", value: tolerance },
      alpha: HEALTH_ALPHA,
      treatment: arm(usersPerMinute * share * minutes),
      control: arm(usersPerMinute * (1 - share) * minutes),
    });
    if (verdict.state === "healthy") return { minutes, users: usersPerMinute * share * minutes };
  }
  return { minutes: null, users: null };
}
