import "server-only";
import type { TeamAccess } from "@/lib/auth/require-role";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import type { Tx } from "@/lib/db/client";
import type { CohortFlow } from "@/lib/domain/cohort-reach";
import { ConflictError } from "@/lib/errors/domain-errors";
import { bumpConfigVersion } from "@/lib/rollouts/bump-config-version";
import type { CohortFieldsPayload } from "@/lib/change-requests/cohort-request-payload";
import type { ActiveCohort } from "./load-active-cohorts";
import { staleRequestsDependingOn } from "./stale-dependent-requests";

// The one place each cohort change is written, whether it applies directly or on approval:
// the change, the config version evaluators watch, the audit event, and the pending rollout
// requests it makes stale. `note` says who requested and approved it, when it was held.

function movedPlaces(flows: readonly CohortFlow[]): Set<string> {
  return new Set(flows.flatMap((f) => [f.from, f.to]));
}

async function staleDependents(tx: Tx, access: TeamAccess, flows: readonly CohortFlow[], cohortName: string) {
  if (flows.length)
    await staleRequestsDependingOn(
      tx,
      access,
      movedPlaces(flows),
      `cohort ${cohortName} changed who it matches since the request`,
    );
}

export async function applyCohortEdit(
  tx: Tx,
  access: TeamAccess,
  cohort: ActiveCohort,
  after: CohortFieldsPayload,
  flows: readonly CohortFlow[],
  note = "",
): Promise<number> {
  const updated = await tx.cohort.updateMany({
    where: { id: cohort.id, version: cohort.version, archivedAt: null },
    data: {
      name: after.name,
      description: after.description,
      definition: JSON.stringify(after.definition),
      version: { increment: 1 },
    },
  });
  if (updated.count !== 1) throw new ConflictError(`Cohort ${cohort.name} changed while saving; nothing was saved`);
  await bumpConfigVersion(tx, { teamId: access.teamId });
  await writeAuditEvent(tx, {
    teamId: access.teamId,
    actor: access.actor,
    action: "cohort.updated",
    summary: `Edited cohort ${after.name} (${cohort.key})${note}`,
    cohortId: cohort.id,
    before: { name: cohort.name, description: cohort.description, definition: cohort.definition },
    after,
  });
  await staleDependents(tx, access, flows, cohort.name);
  return cohort.version + 1;
}

/** Swaps two neighbours' priorities; `order` is the active order before the swap. */
export async function applyCohortSwap(
  tx: Tx,
  access: TeamAccess,
  moving: ActiveCohort,
  neighbour: ActiveCohort,
  order: string[],
  flows: readonly CohortFlow[],
  note = "",
): Promise<string[]> {
  await tx.cohort.update({ where: { id: moving.id }, data: { priority: neighbour.priority } });
  await tx.cohort.update({ where: { id: neighbour.id }, data: { priority: moving.priority } });
  const after = order.map((key) => (key === moving.key ? neighbour.key : key === neighbour.key ? moving.key : key));
  const was = order.indexOf(moving.key) + 1;
  const now = after.indexOf(moving.key) + 1;
  await bumpConfigVersion(tx, { teamId: access.teamId });
  await writeAuditEvent(tx, {
    teamId: access.teamId,
    actor: access.actor,
    action: "cohort.reordered",
    summary: `Moved cohort ${moving.name} ${now < was ? "above" : "below"} ${neighbour.name} (priority ${was} → ${now})${note}`,
    cohortId: moving.id,
    // Names beside the keys, so the audit trail can say who moved above whom in words.
    before: { order, names: { [moving.key]: moving.name, [neighbour.key]: neighbour.name } },
    after: { order: after },
  });
  await staleDependents(tx, access, flows, moving.name);
  return after;
}

/**
 * Archived cohorts match nobody: their users fall to the cohorts after them. The cohort's own
 * percentages go (each release's rollout moves to a new version, so a page open on it reloads
 * before saving); the audit event keeps them.
 */
export async function applyCohortArchive(
  tx: Tx,
  access: TeamAccess,
  cohort: ActiveCohort,
  order: string[],
  flows: readonly CohortFlow[],
  note = "",
): Promise<void> {
  const archived = await tx.cohort.updateMany({
    where: { id: cohort.id, version: cohort.version, archivedAt: null },
    data: { archivedAt: new Date(), version: { increment: 1 } },
  });
  if (archived.count !== 1) throw new ConflictError(`Cohort ${cohort.name} changed meanwhile; nothing was archived`);
  const explicit = await tx.cohortRollout.findMany({
    where: { cohortId: cohort.id },
    select: {
      id: true,
      basisPoints: true,
      rolloutId: true,
      rollout: { select: { release: { select: { key: true } }, environment: { select: { key: true } } } },
    },
  });
  if (explicit.length) {
    await tx.cohortRollout.deleteMany({ where: { cohortId: cohort.id } });
    await tx.releaseRollout.updateMany({
      where: { id: { in: explicit.map((e) => e.rolloutId) } },
      data: { version: { increment: 1 } },
    });
  }
  await bumpConfigVersion(tx, { teamId: access.teamId });
  await writeAuditEvent(tx, {
    teamId: access.teamId,
    actor: access.actor,
    action: "cohort.archived",
    summary: `Archived cohort ${cohort.name} (${cohort.key}); its users now fall to the cohorts after it${note}`,
    cohortId: cohort.id,
    before: {
      order,
      names: { [cohort.key]: cohort.name },
      definition: cohort.definition,
      percentages: explicit.map((e) => ({
        release: e.rollout.release.key,
        environment: e.rollout.environment.key,
        basisPoints: e.basisPoints,
      })),
    },
    after: { order: order.filter((key) => key !== cohort.key) },
  });
  await staleDependents(tx, access, flows, cohort.name);
}
