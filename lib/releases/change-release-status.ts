import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/require-role";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import { inTransaction } from "@/lib/db/transaction";
import type { ReleaseStatus } from "@/lib/domain/evaluate";
import { nextStatus, STATUS_LABELS } from "@/lib/domain/rollout-state";
import { ConflictError, ValidationError } from "@/lib/errors/domain-errors";
import { parseInput } from "@/lib/validation/parse-input";
import { environmentKeySchema, releaseKeySchema, teamSlugSchema, versionSchema } from "./release-schemas";
import { STATUS_AUDIT_ACTIONS, STATUS_AUDIT_VERBS } from "./rollout-audit-wording";
import { bumpConfigVersion, loadRollout, snapshotOf, type RolloutSnapshot } from "./rollout-state";

export const changeReleaseStatusSchema = z.object({
  teamSlug: teamSlugSchema,
  releaseKey: releaseKeySchema,
  environmentKey: environmentKeySchema,
  command: z.enum(["start", "pause", "resume", "promote", "rollback", "restart"], {
    error: "Unknown command",
  }),
  // Roll back is the safety valve: it never waits on a version check (or anything else).
  expectedVersion: versionSchema.optional(),
});

export type ChangeReleaseStatusInput = z.input<typeof changeReleaseStatusSchema>;

class LostRace extends Error {}

export async function changeReleaseStatus(actor: Actor | null, rawInput: unknown): Promise<RolloutSnapshot> {
  const input = parseInput(changeReleaseStatusSchema, rawInput);
  if (input.command !== "rollback" && input.expectedVersion === undefined) {
    throw ValidationError.field("expectedVersion", "Version is required");
  }
  // A roll back that loses a race with another change simply tries again on the new state:
  // it must never fail because someone else was saving at the same moment.
  for (let attempt = 1; ; attempt++) {
    try {
      return await applyCommand(actor, input);
    } catch (error) {
      if (!(error instanceof LostRace)) throw error;
      if (input.command !== "rollback" || attempt >= 5) {
        throw new ConflictError("The release changed while applying this; nothing was changed. Review the current state and try again.");
      }
    }
  }
}

async function applyCommand(actor: Actor | null, input: z.output<typeof changeReleaseStatusSchema>): Promise<RolloutSnapshot> {
  return inTransaction(async (tx) => {
    const access = await requireRole(tx, actor, input.teamSlug, "editor");
    const { release, environment, rollout } = await loadRollout(tx, access.teamId, input.releaseKey, input.environmentKey);
    const before = snapshotOf(rollout);
    if (input.command !== "rollback" && rollout.version !== input.expectedVersion) {
      throw new ConflictError<RolloutSnapshot>(
        `${release.name} was changed in ${environment.name} by ${before.updatedByName ?? "someone else"} since you opened it. Nothing was changed.`,
        before,
      );
    }
    const transition = nextStatus(before.status, input.command);
    if (!transition.ok) throw ValidationError.field("command", transition.reason);

    // The version guard makes the check above and this write one atomic step.
    const updated = await tx.releaseRollout.updateMany({
      where: { id: rollout.id, version: rollout.version },
      data: {
        status: transition.status,
        version: { increment: 1 },
        ...(input.command === "restart" ? { defaultBasisPoints: 0 } : {}),
        updatedById: access.actor.id,
        updatedByName: access.actor.name,
      },
    });
    if (updated.count !== 1) throw new LostRace();
    if (input.command === "restart") await tx.cohortRollout.deleteMany({ where: { rolloutId: rollout.id } });
    await bumpConfigVersion(tx, { environmentId: environment.id });
    const after = snapshotOf((await loadRollout(tx, access.teamId, input.releaseKey, input.environmentKey)).rollout);
    await writeAuditEvent(tx, {
      teamId: access.teamId,
      actor: access.actor,
      action: STATUS_AUDIT_ACTIONS[input.command],
      summary: `${STATUS_AUDIT_VERBS[input.command]} in ${environment.name}: ${STATUS_LABELS[before.status as ReleaseStatus]} → ${STATUS_LABELS[transition.status]}`,
      environmentId: environment.id,
      releaseId: release.id,
      before: { status: before.status, version: before.version, defaultBasisPoints: before.defaultBasisPoints, cohorts: before.cohorts },
      after: { status: after.status, version: after.version, defaultBasisPoints: after.defaultBasisPoints, cohorts: after.cohorts },
    });
    return after;
  });
}
