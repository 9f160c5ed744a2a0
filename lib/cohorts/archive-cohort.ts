import "server-only";
import { z } from "zod";
import type { ChangeRequestView } from "@/lib/change-requests/change-request-view";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { inTransaction } from "@/lib/db/transaction";
import { cohortChangeFlows } from "@/lib/domain/cohort-reach";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors/domain-errors";
import { bumpConfigVersion } from "@/lib/rollouts/bump-config-version";
import { changeCommentSchema, teamSlugSchema, versionSchema } from "@/lib/validation/common-schemas";
import { lockTeamStructure } from "@/lib/db/lock-team-structure";
import { parseInput } from "@/lib/validation/parse-input";
import { applyCohortArchive } from "./apply-cohort-change";
import { cohortKeySchema } from "./cohort-schemas";
import { holdCohortChange } from "./hold-cohort-change";
import { loadActiveCohorts } from "./load-active-cohorts";

export const archiveCohortSchema = z.object({
  teamSlug: teamSlugSchema,
  cohortKey: cohortKeySchema,
  expectedVersion: versionSchema,
  comment: changeCommentSchema,
});
export type ArchiveCohortInput = z.input<typeof archiveCohortSchema>;

export type ArchiveCohortResult = { archived: boolean; pendingApproval?: ChangeRequestView };

/**
 * Archives a cohort: it stops matching and leaves the lists; its users fall to the cohorts after
 * it, judged by the approval policy like any other change of who gets a release.
 */
export async function archiveCohort(actor: Actor | null, rawInput: unknown): Promise<ArchiveCohortResult> {
  const input = parseInput(archiveCohortSchema, rawInput);
  return inTransaction(async (tx) => {
    const access = await requireRole(tx, actor, input.teamSlug, "editor");
    await lockTeamStructure(tx, access.teamId);
    const cohorts = await loadActiveCohorts(tx, access.teamId);
    const cohort = cohorts.find((c) => c.key === input.cohortKey);
    if (!cohort) throw new NotFoundError(`Cohort "${input.cohortKey}" not found`);
    if (cohort.version !== input.expectedVersion)
      throw new ConflictError(
        `Cohort ${cohort.name} was changed by someone else since you opened it; nothing was archived.`,
      );
    const order = cohorts.map((c) => c.key);
    const flows = cohortChangeFlows(cohorts, { kind: "archive", cohortKey: cohort.key });
    const versions = { [cohort.key]: cohort.version };
    const pendingApproval = await holdCohortChange(tx, access, cohorts, {
      kind: "cohort_archive",
      cohort,
      flows,
      before: { order, versions },
      proposed: { order: order.filter((key) => key !== cohort.key), versions },
      comment: input.comment,
    });
    if (pendingApproval) return { archived: false, pendingApproval };
    await applyCohortArchive(tx, access, cohort, order, flows);
    return { archived: true };
  });
}

export const restoreCohortSchema = z.object({ teamSlug: teamSlugSchema, cohortKey: cohortKeySchema });
export type RestoreCohortInput = z.input<typeof restoreCohortSchema>;

/**
 * Brings an archived cohort back last, with no percentages of its own: like a new cohort it
 * only captures users no other cohort matches and serves them what everyone else gets, so
 * restoring never changes who gets a release.
 */
export async function restoreCohort(actor: Actor | null, rawInput: unknown): Promise<{ key: string }> {
  const input = parseInput(restoreCohortSchema, rawInput);
  return inTransaction(async (tx) => {
    const access = await requireRole(tx, actor, input.teamSlug, "editor");
    await lockTeamStructure(tx, access.teamId);
    const cohort = await tx.cohort.findFirst({ where: { teamId: access.teamId, key: input.cohortKey } });
    if (!cohort) throw new NotFoundError(`Cohort "${input.cohortKey}" not found`);
    if (!cohort.archivedAt) throw ValidationError.field("cohortKey", `${cohort.name} is not archived`);
    const last = await tx.cohort.findFirst({
      where: { teamId: access.teamId, archivedAt: null },
      orderBy: { priority: "desc" },
      select: { priority: true },
    });
    await tx.cohort.update({
      where: { id: cohort.id },
      data: { archivedAt: null, priority: (last?.priority ?? 0) + 1, version: { increment: 1 } },
    });
    await bumpConfigVersion(tx, { teamId: access.teamId });
    await writeAuditEvent(tx, {
      teamId: access.teamId,
      actor: access.actor,
      action: "cohort.restored",
      summary: `Restored cohort ${cohort.name} (${cohort.key}) as the last cohort, following everyone else in every release`,
      cohortId: cohort.id,
    });
    return { key: cohort.key };
  });
}
