import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { inTransaction } from "@/lib/db/transaction";
import { canEditPercentages, STATUS_LABELS } from "@/lib/domain/rollout-state";
import type { ReleaseStatus } from "@/lib/domain/evaluate";
import { ConflictError, ValidationError } from "@/lib/errors/domain-errors";
import { parseInput } from "@/lib/validation/parse-input";
import { basisPointsSchema, environmentKeySchema, releaseKeySchema, teamSlugSchema, versionSchema } from "./release-schemas";
import { describeRolloutChange } from "./rollout-audit-wording";
import { bumpConfigVersion, loadRollout, snapshotOf, type RolloutSnapshot } from "./rollout-state";

export const setRolloutSchema = z.object({
  teamSlug: teamSlugSchema,
  releaseKey: releaseKeySchema,
  environmentKey: environmentKeySchema,
  expectedVersion: versionSchema,
  defaultBasisPoints: basisPointsSchema,
  // null: the cohort follows "everyone else" (no explicit percentage).
  cohorts: z.record(z.string().min(1).max(64), basisPointsSchema.nullable()),
});

export type SetRolloutInput = z.input<typeof setRolloutSchema>;

export type RolloutConflict = RolloutSnapshot;

export type SetRolloutResult = { changed: boolean; rollout: RolloutSnapshot };

/**
 * Sets per-cohort and default percentages of one release in one environment, against the
 * version the editor saw: a save made on a stale page is refused with the current values.
 */
export async function setRollout(actor: Actor | null, rawInput: unknown): Promise<SetRolloutResult> {
  const input = parseInput(setRolloutSchema, rawInput);
  return inTransaction(async (tx) => {
    const access = await requireRole(tx, actor, input.teamSlug, "editor");
    const { release, environment, rollout } = await loadRollout(tx, access.teamId, input.releaseKey, input.environmentKey);
    const before = snapshotOf(rollout);

    if (rollout.version !== input.expectedVersion) {
      throw new ConflictError<RolloutConflict>(
        `${release.name} was changed in ${environment.name} by ${before.updatedByName ?? "someone else"} since you opened it. ` +
          `Nothing was saved; review the current values and try again.`,
        before,
      );
    }
    if (!canEditPercentages(before.status)) {
      throw ValidationError.field(
        "status",
        `Percentages can't be changed while the release is ${STATUS_LABELS[before.status as ReleaseStatus].toLowerCase()}`,
      );
    }

    const keys = Object.keys(input.cohorts);
    const cohorts = await tx.cohort.findMany({ where: { teamId: access.teamId, key: { in: keys } }, select: { id: true, key: true } });
    const unknown = keys.filter((k) => !cohorts.some((c) => c.key === k));
    if (unknown.length) {
      throw new ValidationError(Object.fromEntries(unknown.map((k) => [`cohorts.${k}`, ["Unknown cohort"]])));
    }

    const afterCohorts = { ...before.cohorts };
    for (const cohort of cohorts) {
      const bp = input.cohorts[cohort.key];
      if (bp === null || bp === undefined) delete afterCohorts[cohort.key];
      else afterCohorts[cohort.key] = bp;
    }
    const proposed = { ...before, defaultBasisPoints: input.defaultBasisPoints, cohorts: afterCohorts };
    const summary = describeRolloutChange(before, proposed);
    if (!summary) return { changed: false, rollout: before };

    for (const cohort of cohorts) {
      const bp = input.cohorts[cohort.key];
      if (bp === null || bp === undefined) {
        await tx.cohortRollout.deleteMany({ where: { rolloutId: rollout.id, cohortId: cohort.id } });
      } else {
        await tx.cohortRollout.upsert({
          where: { rolloutId_cohortId: { rolloutId: rollout.id, cohortId: cohort.id } },
          create: { rolloutId: rollout.id, cohortId: cohort.id, basisPoints: bp },
          update: { basisPoints: bp },
        });
      }
    }
    // The version guard in the WHERE makes the check and the write one atomic step, whatever
    // the isolation level.
    const updated = await tx.releaseRollout.updateMany({
      where: { id: rollout.id, version: input.expectedVersion },
      data: {
        defaultBasisPoints: input.defaultBasisPoints,
        version: { increment: 1 },
        updatedById: access.actor.id,
        updatedByName: access.actor.name,
      },
    });
    if (updated.count !== 1) throw new ConflictError("The release changed while saving; nothing was saved");
    await bumpConfigVersion(tx, { environmentId: environment.id });

    const after = snapshotOf((await loadRollout(tx, access.teamId, input.releaseKey, input.environmentKey)).rollout);
    await writeAuditEvent(tx, {
      teamId: access.teamId,
      actor: access.actor,
      action: "rollout.percentages_set",
      summary: `Set ${summary} in ${environment.name}`,
      environmentId: environment.id,
      releaseId: release.id,
      before: { defaultBasisPoints: before.defaultBasisPoints, cohorts: before.cohorts, version: before.version },
      after: { defaultBasisPoints: after.defaultBasisPoints, cohorts: after.cohorts, version: after.version },
    });
    return { changed: true, rollout: after };
  });
}
