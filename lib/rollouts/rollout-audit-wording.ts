import type { RolloutCommand } from "@/lib/domain/rollout-state";

/** Audit wording shared by the use cases and the demo seed, so seeded history reads like real history. */
export const STATUS_AUDIT_ACTIONS: Record<RolloutCommand, string> = {
  start: "rollout.started",
  pause: "rollout.paused",
  resume: "rollout.resumed",
  promote: "rollout.promoted",
  rollback: "rollout.rolled_back",
  restart: "rollout.restarted",
  restore: "rollout.restored",
};

export const STATUS_AUDIT_VERBS: Record<RolloutCommand, string> = {
  start: "Started",
  pause: "Paused",
  resume: "Resumed",
  promote: "Promoted",
  rollback: "Rolled back",
  restart: "Restarted (back to draft at 0%)",
  restore: "Restored the percentages from before the roll back",
};
