import { approvalReasons, type ApprovalRules, type ChangeContext } from "@/lib/domain/approval-policy";
import type { ReleaseStatus } from "@/lib/domain/rollout-state";
import { applyStep, type PlanPercentages } from "./plan-percentages";
import type { PlanStep } from "./plan-types";

export type PlanJudgement = {
  /** Why the plan needs approval, step by step ("Step 3: Mobile app users raised above 50% (to 60%)"). */
  reasons: string[];
  /** The table after each step, from the table now. */
  tables: PlanPercentages[];
};

/**
 * A plan is one change: judged once, step by step as written, against the environment's
 * policy. Approving it approves every step; steps taken later need nothing more.
 */
export function judgePlan(
  rules: ApprovalRules | null,
  input: {
    status: ReleaseStatus;
    now: PlanPercentages;
    steps: readonly PlanStep[];
    /** Index of the first step still to take (0 for a plan not started). */
    from: number;
    critical: boolean;
    universalCohorts?: ReadonlySet<string>;
    stopped?: readonly string[];
  } & ChangeContext,
): PlanJudgement {
  const context: ChangeContext = { names: input.names, regressing: input.regressing };
  const reasons: string[] = [];
  const tables: PlanPercentages[] = [];
  let table = input.now;
  let status = input.status;
  input.steps.forEach((step, index) => {
    if (index < input.from) return;
    const next = applyStep(table, step, input.stopped);
    const label = `Step ${index + 1}`;
    const stepReasons =
      status === "draft"
        ? approvalReasons(rules, {
            kind: "start",
            percentages: next,
            critical: input.critical,
            universalCohorts: input.universalCohorts,
            ...context,
          })
        : approvalReasons(rules, {
            kind: "set_rollout",
            status,
            before: table,
            after: next,
            critical: input.critical,
            universalCohorts: input.universalCohorts,
            ...context,
          });
    if (step.promote)
      stepReasons.push(
        ...approvalReasons(rules, { kind: "promote", critical: input.critical, percentages: next, ...context }),
      );
    reasons.push(...[...new Set(stepReasons)].map((reason) => `${label}: ${reason}`));
    tables.push(next);
    table = next;
    status = step.promote ? "promoted" : "rolling";
  });
  return { reasons, tables };
}

/** Whether taking one step (a person's skip or continue) would be held by the policy on its own. */
export function stepNeedsApproval(
  rules: ApprovalRules | null,
  input: {
    status: ReleaseStatus;
    now: PlanPercentages;
    step: PlanStep;
    critical: boolean;
    stopped?: readonly string[];
  } & ChangeContext,
): string[] {
  return judgePlan(rules, { ...input, steps: [input.step], from: 0 }).reasons;
}
