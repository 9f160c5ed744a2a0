import type { ChangeRequestView } from "@/lib/change-requests/change-request-view";
import type { CohortListItem } from "@/lib/cohorts/list-cohorts";
import { basisPointsToPercent } from "@/lib/domain/percent";
import type { ReleaseStatus } from "@/lib/domain/rollout-state";
import type { ReleaseListItem } from "@/lib/releases/list-releases";
import type { RolloutSnapshot } from "@/lib/rollouts/rollout-snapshot";
import type { RestChangeRequest, RestCohort, RestReleaseSummary, RestRollout } from "./rest-schemas";

/** Pure: use-case results in the automation API's shape (percent instead of basis points). */

type StoredRollout = {
  status: ReleaseStatus;
  version: number;
  defaultBasisPoints: number;
  /** Explicit percentages by cohort key; null/absent: the cohort follows the default. */
  cohorts: Record<string, number | null> | { key: string; basisPoints: number | null }[];
  updatedAt: Date | string;
  updatedByName: string | null;
};

function iso(date: Date | string): string {
  return typeof date === "string" ? date : date.toISOString();
}

export function rolloutState(rollout: StoredRollout): Omit<RestRollout, "release" | "environment"> {
  const entries = Array.isArray(rollout.cohorts)
    ? rollout.cohorts.map((c) => [c.key, c.basisPoints] as const)
    : Object.entries(rollout.cohorts);
  const cohorts: Record<string, number> = {};
  for (const [key, bp] of entries) if (bp !== null && bp !== undefined) cohorts[key] = basisPointsToPercent(bp);
  return {
    status: rollout.status,
    version: rollout.version,
    percentages: { default: basisPointsToPercent(rollout.defaultBasisPoints), cohorts },
    updatedAt: iso(rollout.updatedAt),
    updatedBy: rollout.updatedByName,
  };
}

export function restRollout(releaseKey: string, environmentKey: string, snapshot: RolloutSnapshot): RestRollout {
  return { release: releaseKey, environment: environmentKey, ...rolloutState(snapshot) };
}

/** A 409's `current` from setRollout/changeReleaseStatus is a RolloutSnapshot. */
export function isRolloutSnapshot(value: unknown): value is RolloutSnapshot {
  if (!value || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.version === "number" &&
    typeof v.defaultBasisPoints === "number" &&
    typeof v.status === "string" &&
    typeof v.cohorts === "object"
  );
}

export function restReleaseSummary(item: ReleaseListItem): RestReleaseSummary {
  return {
    key: item.key,
    name: item.name,
    description: item.description,
    owner: item.ownerName,
    rollout: rolloutState(item),
  };
}

export function restCohort(cohort: CohortListItem): RestCohort {
  return {
    key: cohort.key,
    name: cohort.name,
    description: cohort.description,
    priority: cohort.priority,
    definition: cohort.definition,
    updatedAt: iso(cohort.updatedAt),
  };
}

const percentOrNull = (bp: number | null) => (bp === null ? null : basisPointsToPercent(bp));

export function restChangeRequest(view: ChangeRequestView): RestChangeRequest {
  return {
    id: view.id,
    kind: view.kind,
    status: view.status,
    reasons: view.reasons,
    summary: view.summary,
    changes: view.changes.map((c) => ({
      key: c.key,
      name: c.name,
      from: percentOrNull(c.from),
      to: percentOrNull(c.to),
    })),
    comment: view.comment,
    requestedBy: view.requesterName,
    reviewedBy: view.reviewerName,
    reviewComment: view.reviewComment,
    baseVersion: view.baseVersion,
    createdAt: view.createdAt,
    expiresAt: view.expiresAt,
    decidedAt: view.decidedAt,
    release: view.release ? { key: view.release.key, name: view.release.name } : null,
    environment: view.environment,
    cohort: view.cohort,
  };
}
