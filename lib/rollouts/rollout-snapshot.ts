import type { ReleaseStatus } from "@/lib/domain/rollout-state";

/** A rollout as people see it; used in audit before/after and in conflict messages. */
export type RolloutSnapshot = {
  status: ReleaseStatus;
  version: number;
  defaultBasisPoints: number;
  cohorts: Record<string, number>;
  updatedByName: string | null;
  updatedAt: string;
};
