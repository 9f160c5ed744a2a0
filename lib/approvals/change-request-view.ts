import type { RolloutChange } from "@/lib/releases/rollout-diff";

export const CHANGE_REQUEST_KINDS = ["set_rollout", "promote", "start"] as const;
export type ChangeRequestKind = (typeof CHANGE_REQUEST_KINDS)[number];

export const CHANGE_REQUEST_STATUSES = ["pending", "applied", "rejected", "stale", "expired", "cancelled"] as const;
export type ChangeRequestStatus = (typeof CHANGE_REQUEST_STATUSES)[number];

/** What a set_rollout request proposes: the whole percentage table after the change. */
export type ProposedPercentages = { defaultBasisPoints: number; cohorts: Record<string, number> };

/** A change request as people (and the REST API) see it. Plain data, safe to send anywhere. */
export type ChangeRequestView = {
  id: string;
  kind: ChangeRequestKind;
  status: ChangeRequestStatus;
  reasons: string[];
  /** "eu 5% → 60%" or "Promote to everyone". */
  summary: string;
  /** Old → new per cohort for set_rollout; empty for status changes. */
  changes: RolloutChange[];
  comment: string;
  requesterId: string;
  requesterName: string;
  reviewerName: string | null;
  reviewComment: string | null;
  baseVersion: number;
  createdAt: string;
  expiresAt: string;
  decidedAt: string | null;
  release: { key: string; name: string; critical: boolean };
  environment: { key: string; name: string };
};
