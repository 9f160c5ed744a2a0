import "server-only";
import type { TeamActor } from "@/lib/auth/require-role";
import type { Tx } from "@/lib/db/client";
import { enqueueWebhookEvent } from "@/lib/webhooks/enqueue-webhook-event";

/** Promotions and roll backs are what a team's channel most wants to hear about. */
export async function notifyRolloutEvent(
  tx: Tx,
  type: "rollout.promoted" | "rollout.rolled_back",
  access: TeamActor,
  release: { key: string; name: string },
  environment: { key: string; name: string },
  summary: string,
) {
  await enqueueWebhookEvent(tx, {
    type,
    teamId: access.teamId,
    team: { slug: access.teamSlug, name: access.teamName },
    release: { key: release.key, name: release.name },
    environment: { key: environment.key, name: environment.name },
    actor: { type: access.actor.type, name: access.actor.name },
    summary: `${access.actor.name} ${type === "rollout.promoted" ? "promoted" : "rolled back"} ${release.name} in ${environment.name}: ${summary}`,
    path: `/teams/${access.teamSlug}/releases/${release.key}?env=${environment.key}`,
    occurredAt: new Date().toISOString(),
  });
}
