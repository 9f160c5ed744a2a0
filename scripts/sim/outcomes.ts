// What happened to each run's plan, read from the plan rows after every tick: when it ended,
// held or rolled back, and why (the controller's own words, sorted into kinds).

export type HoldKind = "sample_ratio" | "too_little_data" | "regression" | "other";

export type RunOutcome = {
  run: number;
  /** The plan's status when the simulation stopped. */
  status: string;
  step: number;
  /** Simulated minutes since the plan started. */
  finishedAt: number | null;
  heldAt: number | null;
  heldKind: HoldKind | null;
  heldReason: string | null;
  rolledBackAt: number | null;
  rollbackReason: string | null;
  /** The cohort and metric a regression (roll back or a cohort set to 0%) named, e.g. "Cohort 03", "Error rate". */
  regression: { cohort: string; metric: string } | null;
  advances: number;
  /** Steps taken on a tick whose metrics read failed (must stay 0). */
  advancesWhileFailing: number;
  failingTicks: number;
  /** Harmed users (the broken cohort's treatment) over all users, when the roll back came or the run stopped. */
  harmedShare: number;
  harmedUsers: number;
  /** plan.backend_unreachable audit events and webhook deliveries queued for it. */
  backendAlerts: number;
  backendWebhooks: number;
};

export function newOutcome(run: number): RunOutcome {
  return {
    run,
    status: "running",
    step: 0,
    finishedAt: null,
    heldAt: null,
    heldKind: null,
    heldReason: null,
    rolledBackAt: null,
    rollbackReason: null,
    regression: null,
    advances: 0,
    advancesWhileFailing: 0,
    failingTicks: 0,
    harmedShare: 0,
    harmedUsers: 0,
    backendAlerts: 0,
    backendWebhooks: 0,
  };
}

export function holdKind(reason: string | null): HoldKind {
  if (!reason) return "other";
  if (reason.startsWith("Holding: sample ratio mismatch")) return "sample_ratio";
  if (reason.includes("is too small to judge")) return "too_little_data";
  if (reason.startsWith("Regression:")) return "regression";
  return "other";
}

/** "Regression: Error rate +1.0 pp (0.6 to 1.4) in Cohort 03, tolerance +0.5 pp — …" → cohort and metric. */
export function regressionOf(reason: string | null): { cohort: string; metric: string } | null {
  const match = reason?.match(/^Regression: (.+?) [+−±][\d.]+(?: pp|%).* in (Cohort \d+|everyone else),/);
  return match ? { metric: match[1]!, cohort: match[2]! } : null;
}

export function isLive(status: string): boolean {
  return status === "running" || status === "paused" || status === "held";
}
