import "server-only";
import type { Prisma } from "@/lib/db/client";
import { diffRollout } from "@/lib/releases/rollout-diff";
import type { ChangeRequestKind, ChangeRequestStatus, ChangeRequestView, ProposedPercentages } from "./change-request-view";
import { describeChangeRequest } from "./describe-change-request";

export const CHANGE_REQUEST_INCLUDE = {
  release: { select: { key: true, name: true, critical: true } },
  environment: { select: { key: true, name: true } },
} satisfies Prisma.ChangeRequestInclude;

export type ChangeRequestRow = Prisma.ChangeRequestGetPayload<{ include: typeof CHANGE_REQUEST_INCLUDE }>;

export function toChangeRequestView(row: ChangeRequestRow, cohortNames: Map<string, string> = new Map()): ChangeRequestView {
  const kind = row.kind as ChangeRequestKind;
  const before = JSON.parse(row.before) as ProposedPercentages;
  const proposed = JSON.parse(row.proposed) as ProposedPercentages;
  const changes =
    kind === "set_rollout"
      ? diffRollout(
          before,
          proposed,
          [...new Set([...Object.keys(before.cohorts), ...Object.keys(proposed.cohorts)])].sort().map((key) => ({ key, name: cohortNames.get(key) ?? key })),
        )
      : [];
  return {
    id: row.id,
    kind,
    status: row.status as ChangeRequestStatus,
    reasons: JSON.parse(row.reasons) as string[],
    summary: describeChangeRequest(kind, before, proposed),
    changes,
    comment: row.comment,
    requesterId: row.requesterId,
    requesterName: row.requesterName,
    reviewerName: row.reviewerName,
    reviewComment: row.reviewComment,
    baseVersion: row.baseVersion,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    release: row.release,
    environment: row.environment,
  };
}
