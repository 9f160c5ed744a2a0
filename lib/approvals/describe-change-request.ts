import { describeRolloutChange } from "@/lib/releases/rollout-audit-wording";
import type { ChangeRequestKind, ProposedPercentages } from "./change-request-view";

export function describeChangeRequest(kind: ChangeRequestKind, before: ProposedPercentages, proposed: ProposedPercentages): string {
  if (kind === "promote") return "Promote to everyone";
  if (kind === "start") return `Start the rollout (${describeRolloutChange({ defaultBasisPoints: 0, cohorts: {} }, before) || "at 0%"})`;
  return describeRolloutChange(before, proposed);
}
