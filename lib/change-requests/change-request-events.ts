import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { TeamAccess } from "@/lib/auth/require-role";
import { writeAuditEvent } from "@/lib/audit/write-audit-event";
import type { Tx } from "@/lib/db/client";
import { enqueueWebhookEvent } from "@/lib/webhooks/enqueue-webhook-event";
import type { WebhookEventType } from "@/lib/webhooks/webhook-event";
import type { ChangeRequestView } from "./change-request-view";

type Team = Pick<TeamAccess, "teamId" | "teamSlug" | "teamName">;
/** What the request is about: a release in an environment, or a cohort. */
type Ids = { environmentId: string | null; releaseId: string | null; cohortId: string | null };

const VERBS = {
  created: "requested approval to",
  approved: "approved",
  applied: "applied",
  rejected: "rejected",
  stale: "found stale (what it changes moved on since it was requested)",
  expired: "expired",
  cancelled: "cancelled",
} as const;

export type ChangeRequestStep = keyof typeof VERBS;

/**
 * One step of a change request's life: its audit event and its notification, both in the
 * transaction that takes the step.
 */
export async function recordChangeRequestStep(
  tx: Tx,
  step: ChangeRequestStep,
  input: { team: Team; actor: Actor; ids: Ids; request: ChangeRequestView; note?: string },
) {
  const { request, actor, team } = input;
  const what = request.cohort ? request.summary : `${request.summary} for ${request.subject}`;
  const summary =
    step === "created"
      ? `Requested approval: ${what}`
      : `Change request ${VERBS[step]}: ${what} (requested by ${request.requesterName})${input.note ? ` — ${input.note}` : ""}`;
  await writeAuditEvent(tx, {
    teamId: team.teamId,
    actor,
    action: `change_request.${step}`,
    summary,
    environmentId: input.ids.environmentId,
    releaseId: input.ids.releaseId,
    cohortId: input.ids.cohortId,
    after: {
      id: request.id,
      status: request.status,
      kind: request.kind,
      changes: request.changes,
      reasons: request.reasons,
      comment: request.comment,
      reviewComment: request.reviewComment,
    },
  });
  // "approved" already told the channel; the change it applies is in the audit trail.
  if (step === "applied") return;
  await enqueueWebhookEvent(tx, {
    type: `change_request.${step}` as WebhookEventType,
    teamId: team.teamId,
    team: { slug: team.teamSlug, name: team.teamName },
    release: request.release ? { key: request.release.key, name: request.release.name } : null,
    environment: request.environment,
    ...(request.cohort ? { cohort: request.cohort } : {}),
    actor: { type: actor.type, name: actor.name },
    summary:
      step === "created"
        ? `${actor.name} asked to ${request.summary.charAt(0).toLowerCase()}${request.summary.slice(1)}${request.cohort ? "" : ` — ${request.subject}`}`
        : `${actor.name}: ${summary}`,
    path: `/teams/${team.teamSlug}/approvals`,
    changeRequest: {
      id: request.id,
      status: request.status,
      changes: request.summary,
      comment: request.reviewComment ?? request.comment,
    },
    occurredAt: new Date().toISOString(),
  });
}
