import "server-only";
import { z } from "zod";
import type { Tx } from "@/lib/db/client";
import { jsonColumn } from "@/lib/db/parse-row";
import { RELEASE_STATUSES, type ReleaseStatus } from "@/lib/domain/rollout-state";
import { STATUS_AUDIT_ACTIONS } from "./rollout-audit-wording";
import type { Percentages } from "./write-percentages";

/** What a release served just before its latest roll back, as that roll back's audit event recorded it. */
export type BeforeRollback = { status: ReleaseStatus; percentages: Percentages; rolledBackAt: Date; by: string };

const rollbackBefore = z.object({
  before: jsonColumn(
    z.object({
      status: z.enum(RELEASE_STATUSES),
      defaultBasisPoints: z.number().int(),
      cohorts: z.record(z.string(), z.number().int()),
    }),
  ),
});

/**
 * The audit trail is the record of what was served: a roll back writes the status and every
 * percentage it replaced into its event, in the same transaction as the roll back itself.
 * Null when the release was never rolled back here (or the event predates percentages in it).
 */
export async function loadPercentagesBeforeRollback(
  tx: Tx,
  ids: { teamId: string; releaseId: string; environmentId: string },
): Promise<BeforeRollback | null> {
  const event = await tx.auditEvent.findFirst({
    where: { ...ids, action: STATUS_AUDIT_ACTIONS.rollback },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  if (!event?.before) return null;
  const parsed = rollbackBefore.safeParse({ before: event.before });
  // Not corruption: events written before roll backs recorded percentages simply lack them.
  if (!parsed.success) return null;
  const { before } = parsed.data;
  return {
    status: before.status,
    percentages: { defaultBasisPoints: before.defaultBasisPoints, cohorts: before.cohorts },
    rolledBackAt: event.createdAt,
    by: event.actorName,
  };
}
