import type { RolloutChange } from "@/lib/domain/rollout-diff";

/** Requests about one release in one environment. */
export const ROLLOUT_REQUEST_KINDS = [
  "set_rollout",
  "promote",
  "start",
  "pause",
  "resume",
  "restart",
  "restore",
] as const;
/**
 * Requests about a release's rollout plan in one environment: starting it (every step as
 * written), changing the steps still to come, or taking the next step early.
 */
export const PLAN_REQUEST_KINDS = ["plan_start", "plan_update", "plan_skip"] as const;
/** Requests about a cohort: they change who gets releases in every environment at once. */
export const COHORT_REQUEST_KINDS = ["cohort_update", "cohort_move", "cohort_archive"] as const;
export const CHANGE_REQUEST_KINDS = [...ROLLOUT_REQUEST_KINDS, ...PLAN_REQUEST_KINDS, ...COHORT_REQUEST_KINDS] as const;
export type RolloutRequestKind = (typeof ROLLOUT_REQUEST_KINDS)[number];
export type CohortRequestKind = (typeof COHORT_REQUEST_KINDS)[number];
export type PlanRequestKind = (typeof PLAN_REQUEST_KINDS)[number];

export function isPlanRequestKind(kind: string): kind is PlanRequestKind {
  return (PLAN_REQUEST_KINDS as readonly string[]).includes(kind);
}
export type ChangeRequestKind = (typeof CHANGE_REQUEST_KINDS)[number];

export function isCohortRequestKind(kind: string): kind is CohortRequestKind {
  return (COHORT_REQUEST_KINDS as readonly string[]).includes(kind);
}

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
  /** "eu 5% → 60%", "Promote to everyone" or "Edit cohort Beta: … → …". */
  summary: string;
  /** Old → new per cohort for set_rollout; empty otherwise. */
  changes: RolloutChange[];
  comment: string;
  requesterId: string;
  /** The person accountable: the user, or who created the API key that asked. */
  requesterUserId: string | null;
  requesterName: string;
  reviewerName: string | null;
  reviewComment: string | null;
  baseVersion: number;
  createdAt: string;
  expiresAt: string;
  decidedAt: string | null;
  /** Set for rollout requests. */
  release: { key: string; name: string; critical: boolean } | null;
  environment: { key: string; name: string } | null;
  /** Set for cohort requests. */
  cohort: { key: string; name: string } | null;
  /** What it is about, in words: "New checkout in Production" or "Cohort Beta testers". */
  subject: string;
  /** Where to look at it, relative to the team's pages: "releases/x?env=y" or "cohorts/x/edit". */
  subjectPath: string;
};
