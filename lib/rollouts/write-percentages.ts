import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Tx } from "@/lib/db/client";
import type { ReleaseStatus } from "@/lib/domain/rollout-state";
import { ConflictError } from "@/lib/errors/domain-errors";

type Target = { teamId: string; rolloutId: string; expectedVersion: number };
export type Percentages = { defaultBasisPoints: number; cohorts: Record<string, number> };

/**
 * Makes the rollout's percentage table exactly `percentages` (a cohort left out follows
 * everyone else), guarded by the version it was computed from. The use case has already
 * refused unknown cohorts; a cohort missing here was archived by a change that committed
 * since, so it is a lost race like a moved version.
 */
export async function writePercentages(
  tx: Tx,
  target: Target,
  percentages: Percentages,
  actor: Actor,
  /** Set in the same write (a restore after a roll back goes live with its percentages). */
  status?: ReleaseStatus,
) {
  const keys = Object.keys(percentages.cohorts);
  const cohorts = await tx.cohort.findMany({
    where: { teamId: target.teamId, key: { in: keys }, archivedAt: null },
    select: { id: true, key: true },
  });
  if (cohorts.length !== keys.length) throw new ConflictError("The release changed while saving; nothing was saved");

  // The version guard in the WHERE makes the check and the write one atomic step, whatever
  // the isolation level; it goes first so a lost race writes nothing else.
  const updated = await tx.releaseRollout.updateMany({
    where: { id: target.rolloutId, version: target.expectedVersion },
    data: {
      defaultBasisPoints: percentages.defaultBasisPoints,
      ...(status ? { status } : {}),
      version: { increment: 1 },
      updatedById: actor.id,
      updatedByName: actor.name,
    },
  });
  if (updated.count !== 1) throw new ConflictError("The release changed while saving; nothing was saved");
  await tx.cohortRollout.deleteMany({
    where: { rolloutId: target.rolloutId, cohortId: { notIn: cohorts.map((c) => c.id) } },
  });
  for (const cohort of cohorts) {
    const basisPoints = percentages.cohorts[cohort.key]!;
    await tx.cohortRollout.upsert({
      where: { rolloutId_cohortId: { rolloutId: target.rolloutId, cohortId: cohort.id } },
      create: { rolloutId: target.rolloutId, cohortId: cohort.id, basisPoints },
      update: { basisPoints },
    });
  }
}
