import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { getApprovalPolicy } from "@/lib/change-requests/get-approval-policy";
import { universalCohortKeys } from "@/lib/cohorts/load-active-cohorts";
import { withoutArchivedCohorts } from "@/lib/cohorts/without-archived-cohorts";
import { readDb } from "@/lib/db/transaction";
import { approvalReasons } from "@/lib/domain/approval-policy";
import { revertedPercentages } from "@/lib/domain/revert-percentages";
import { diffRollout, type RolloutChange } from "@/lib/domain/rollout-diff";
import { canEditPercentages, STATUS_LABELS, type ReleaseStatus } from "@/lib/domain/rollout-state";
import { loadPercentageChange } from "@/lib/rollouts/load-percentage-change";
import { snapshotOf } from "@/lib/rollouts/load-rollout";
import { parseInput } from "@/lib/validation/parse-input";
import { teamSlugSchema } from "@/lib/validation/common-schemas";

export const previewRevertSchema = z.object({
  teamSlug: teamSlugSchema,
  auditEventId: z.string().trim().min(1, "Audit entry is required").max(64),
});

export type PreviewRevertInput = z.input<typeof previewRevertSchema>;

/** What "Revert this change" would do now, shown before anything is sent. */
export type RevertPreview = {
  release: { key: string; name: string };
  environment: { key: string; name: string };
  status: ReleaseStatus;
  /** The rollout version the preview was computed at; the revert is refused if it moves. */
  version: number;
  /** Current → reverted, per cohort (names) and everyone else; empty: already as before. */
  changes: RolloutChange[];
  /** Everyone else now and after the revert: what a cohort without its own percentage gets. */
  everyoneElse: { now: number; after: number };
  /** Why the approval policy would hold it; empty: it applies directly. */
  reasons: string[];
  /** Set when the revert can't be made in this state (a promoted or rolled-back release). */
  blocked: string | null;
};

export async function previewRevert(actor: Actor | null, rawInput: unknown): Promise<RevertPreview> {
  const input = parseInput(previewRevertSchema, rawInput);
  const db = readDb();
  const access = await requireRole(db, actor, input.teamSlug, "editor");
  const entry = await loadPercentageChange(db, access.teamId, input.auditEventId);
  const { release, environment } = entry.target;
  const current = snapshotOf(entry.target.rollout);
  const proposed = await withoutArchivedCohorts(db, access.teamId, revertedPercentages(current, entry));
  const names = await db.cohort.findMany({ where: { teamId: access.teamId }, select: { key: true, name: true } });
  const keys = new Set([...Object.keys(current.cohorts), ...Object.keys(proposed.cohorts)]);
  const changes = diffRollout(
    current,
    proposed,
    names.filter((c) => keys.has(c.key)),
  );
  const policy = await getApprovalPolicy(access, { environmentId: environment.id }, db);
  const reasons = approvalReasons(policy, {
    kind: "set_rollout",
    status: current.status,
    before: current,
    after: proposed,
    critical: release.critical,
    universalCohorts: policy ? await universalCohortKeys(db, access.teamId) : undefined,
    names: new Map(names.map((c) => [c.key, c.name])),
  });
  return {
    release: { key: release.key, name: release.name },
    environment: { key: environment.key, name: environment.name },
    status: current.status,
    version: current.version,
    changes,
    everyoneElse: { now: current.defaultBasisPoints, after: proposed.defaultBasisPoints },
    reasons: changes.length ? reasons : [],
    blocked: canEditPercentages(current.status)
      ? null
      : `Percentages can't be changed while the release is ${STATUS_LABELS[current.status].toLowerCase()}.`,
  };
}
