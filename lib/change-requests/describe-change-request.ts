import { describePercentages, describeRolloutChange } from "@/lib/domain/describe-rollout-change";
import type { ChangeRequestKind, ProposedPercentages } from "./change-request-view";

const STATUS_COMMANDS: Partial<Record<ChangeRequestKind, string>> = {
  promote: "Promote to everyone",
  pause: "Pause the rollout",
  resume: "Resume the rollout",
  restart: "Restart as a draft (everyone back to 0%)",
};

const PLAN_COMMANDS: Partial<Record<ChangeRequestKind, string>> = {
  plan_start: "Start the rollout plan",
  plan_update: "Change the plan's steps still to come",
  plan_skip: "Take the plan's next step now",
};

export function describeChangeRequest(
  kind: ChangeRequestKind,
  before: ProposedPercentages,
  proposed: ProposedPercentages,
): string {
  const command = STATUS_COMMANDS[kind];
  if (command) return command;
  const plan = PLAN_COMMANDS[kind];
  if (plan) {
    const change = describeRolloutChange(before, proposed);
    return change ? `${plan}: ${change} when it ends` : plan;
  }
  // A restore's "before" is what the rolled-back release serves: nobody.
  if (kind === "restore") return `Restore the percentages from before the roll back (${describePercentages(proposed)})`;
  if (kind === "start")
    return `Start the rollout (${describeRolloutChange({ defaultBasisPoints: 0, cohorts: {} }, before) || "at 0%"})`;
  return describeRolloutChange(before, proposed);
}
