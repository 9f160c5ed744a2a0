import "server-only";
import type { Tx } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";

export type AuditEventInput = {
  teamId: string;
  actor: Actor;
  action: string;
  summary: string;
  environmentId?: string | null;
  releaseId?: string | null;
  cohortId?: string | null;
  before?: unknown;
  after?: unknown;
};

/** Must be called with the transaction that makes the change, so the two commit together. */
export async function writeAuditEvent(tx: Tx, event: AuditEventInput) {
  await tx.auditEvent.create({
    data: {
      teamId: event.teamId,
      environmentId: event.environmentId ?? null,
      releaseId: event.releaseId ?? null,
      cohortId: event.cohortId ?? null,
      actorType: event.actor.type,
      actorId: event.actor.id,
      actorName: event.actor.name,
      action: event.action,
      summary: event.summary,
      before: event.before === undefined ? null : JSON.stringify(event.before),
      after: event.after === undefined ? null : JSON.stringify(event.after),
    },
  });
}
