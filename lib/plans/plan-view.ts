import type { GuardrailState, Tolerance } from "@/lib/domain/guardrails/guardrail-types";
import type { PlanDefinition, PlanStatus } from "@/lib/domain/plans/plan-types";

/** The last verdict per cohort × metric, as the controller stored it. */
export type StoredMetricVerdict = {
  metricKey: string;
  state: GuardrailState;
  estimate: number | null;
  lower: number | null;
  upper: number | null;
  tolerance: Tolerance;
  samples: { treatment: number; control: number };
  needed: number | null;
  words: string;
};

export type StoredVerdicts = {
  at: string | null;
  cohorts: {
    cohortKey: string;
    basisPoints: number;
    metrics: StoredMetricVerdict[];
    sampleRatio: {
      mismatch: boolean;
      observedShare: number | null;
      expectedShare: number;
      samples: { treatment: number; control: number };
    } | null;
  }[];
};

/** A rollout plan as people and the REST API see it. Plain data. */
export type PlanView = {
  id: string;
  status: PlanStatus;
  statusLabel: string;
  version: number;
  release: { key: string; name: string };
  environment: { key: string; name: string };
  definition: PlanDefinition;
  /** -1 before the first step. */
  currentStep: number;
  stepStartedAt: string | null;
  /** What the plan waits for now, in words ("Baking step 2 of 5: 12 min left"). */
  waitingFor: string | null;
  heldReason: string | null;
  backendFailingSince: string | null;
  verdicts: StoredVerdicts;
  templateName: string | null;
  createdByName: string;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  lastTickAt: string | null;
};
