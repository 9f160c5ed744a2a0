import type { Tolerance } from "@/lib/domain/guardrails/guardrail-types";

/**
 * A rollout plan as data: ordered steps and the guardrails that judge them. The same shape is
 * stored in a plan and in a team's templates, and is what the plan editor edits.
 */

/** The key of "everyone else" (users no cohort matched), as in the rollout table. */
export const EVERYONE_ELSE = "default";

export type PlanStep = {
  /**
   * Target percentage per cohort key ("default" for everyone else) in basis points. A key left
   * out keeps what the step before gave it (a cohort may skip steps or stop below 100%).
   */
  targets: Record<string, number>;
  /** Minimum time at this step before the next, and only once the guardrails call it healthy. */
  bakeMinutes: number;
  /** Wait for a person to continue after the bake. */
  waitForPerson: boolean;
  /** Don't take this step before (ISO time); a scheduled change. */
  notBefore: string | null;
  /** Promote the release to everyone at this step (last step only). */
  promote: boolean;
};

export type BreachAction = "rollback" | "zero_cohort";

export type GuardrailSpec = {
  metricKey: string;
  /** For latency metrics: the guarded quantile (0.5, 0.95 or 0.99). */
  quantile: number | null;
  tolerance: Tolerance;
  onBreach: BreachAction;
};

export type PlanGuardrails = {
  metrics: GuardrailSpec[];
  /** The whole plan's false-alarm budget, split over cohorts × metrics. */
  alpha: number;
  /** After the metrics backend has failed this long, a webhook says so (the plan holds meanwhile). */
  outageAlertMinutes: number;
  /** A step that can't gather enough data in this many bake times asks a person to continue. */
  patienceBakes: number;
};

export type PlanDefinition = { steps: PlanStep[]; guardrails: PlanGuardrails };

export const PLAN_STATUSES = [
  "draft",
  "pending",
  "running",
  "paused",
  "held",
  "finished",
  "rolled_back",
  "cancelled",
] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** Plans that still own the rollout: at most one per release and environment. */
export const ACTIVE_PLAN_STATUSES: readonly PlanStatus[] = ["draft", "pending", "running", "paused", "held"];

export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = {
  draft: "Not started",
  pending: "Waiting for approval",
  running: "Running",
  paused: "Paused",
  held: "Holding",
  finished: "Finished",
  rolled_back: "Rolled back",
  cancelled: "Cancelled",
};

export function isActivePlan(status: PlanStatus): boolean {
  return ACTIVE_PLAN_STATUSES.includes(status);
}
