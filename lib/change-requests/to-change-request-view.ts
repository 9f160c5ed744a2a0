import "server-only";
import type { Prisma } from "@/lib/db/client";
import { diffRollout } from "@/lib/domain/rollout-diff";
import { isPlanRequestKind, type ChangeRequestView } from "./change-request-view";
import { toChangeRequest } from "./change-request-row";
import { describeCohortRequest } from "./cohort-request-payload";
import { describeChangeRequest } from "./describe-change-request";
import { rolloutRequestPayload } from "./rollout-request-payload";

export const CHANGE_REQUEST_INCLUDE = {
  release: { select: { key: true, name: true, critical: true } },
  environment: { select: { key: true, name: true } },
  cohort: { select: { key: true, name: true } },
} satisfies Prisma.ChangeRequestInclude;

export type ChangeRequestRow = Prisma.ChangeRequestGetPayload<{ include: typeof CHANGE_REQUEST_INCLUDE }>;

export function toChangeRequestView(
  stored: ChangeRequestRow,
  cohortNames: Map<string, string> = new Map(),
): ChangeRequestView {
  const row = toChangeRequest(stored);
  const { kind } = row;
  const common = {
    id: row.id,
    kind,
    status: row.status,
    reasons: row.reasons,
    comment: row.comment,
    requesterId: row.requesterId,
    requesterUserId: row.requesterUserId,
    requesterName: row.requesterName,
    reviewerName: row.reviewerName,
    reviewComment: row.reviewComment,
    baseVersion: row.baseVersion,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    release: row.release,
    environment: row.environment,
    cohort: row.cohort,
  };
  if (row.cohort) {
    return {
      ...common,
      summary: describeCohortRequest(kind, row.cohort, row),
      changes: [],
      subject: `Cohort ${row.cohort.name}`,
      subjectPath: `cohorts/${encodeURIComponent(row.cohort.key)}/edit`,
    };
  }
  const { before, proposed } = rolloutRequestPayload(row);
  const changes =
    kind === "set_rollout" || kind === "restore" || isPlanRequestKind(kind)
      ? diffRollout(
          before,
          proposed,
          [...new Set([...Object.keys(before.cohorts), ...Object.keys(proposed.cohorts)])]
            .sort()
            .map((key) => ({ key, name: cohortNames.get(key) ?? key })),
        )
      : [];
  const release = row.release?.name ?? "A deleted release";
  const environment = row.environment?.name ?? "a deleted environment";
  return {
    ...common,
    summary: describeChangeRequest(kind, before, proposed),
    changes,
    subject: `${release} in ${environment}`,
    subjectPath:
      row.release && row.environment
        ? `releases/${encodeURIComponent(row.release.key)}?env=${encodeURIComponent(row.environment.key)}`
        : "approvals",
  };
}

/** The audit trail files a request's steps under what it is about. */
export function requestIds(row: { releaseId: string | null; environmentId: string | null; cohortId: string | null }) {
  return { releaseId: row.releaseId, environmentId: row.environmentId, cohortId: row.cohortId };
}
