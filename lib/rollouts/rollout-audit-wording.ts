import { formatBasisPoints } from "@/lib/domain/percent";
import type { RolloutCommand } from "@/lib/domain/rollout-state";

/** Audit wording shared by the use cases and the demo seed, so seeded history reads like real history. */
export const STATUS_AUDIT_ACTIONS: Record<RolloutCommand, string> = {
  start: "rollout.started",
  pause: "rollout.paused",
  resume: "rollout.resumed",
  promote: "rollout.promoted",
  rollback: "rollout.rolled_back",
  restart: "rollout.restarted",
};

export const STATUS_AUDIT_VERBS: Record<RolloutCommand, string> = {
  start: "Started",
  pause: "Paused",
  resume: "Resumed",
  promote: "Promoted",
  rollback: "Rolled back",
  restart: "Restarted (back to draft at 0%)",
};

type Percentages = { defaultBasisPoints: number; cohorts: Record<string, number> };

/** "eu 5% → 25%, everyone else 0% → 1%"; a cohort without a value reads "default". */
export function describeRolloutChange(before: Percentages, after: Percentages): string {
  const parts: string[] = [];
  const keys = new Set([...Object.keys(before.cohorts), ...Object.keys(after.cohorts)]);
  for (const key of [...keys].sort()) {
    const was = before.cohorts[key];
    const now = after.cohorts[key];
    if (was === now) continue;
    parts.push(`${key} ${was === undefined ? "default" : formatBasisPoints(was)} → ${now === undefined ? "default" : formatBasisPoints(now)}`);
  }
  if (before.defaultBasisPoints !== after.defaultBasisPoints) {
    parts.push(`everyone else ${formatBasisPoints(before.defaultBasisPoints)} → ${formatBasisPoints(after.defaultBasisPoints)}`);
  }
  return parts.join(", ");
}
