import "server-only";
import type { TeamAccess } from "@/lib/auth/require-role";
import { readDb } from "@/lib/db/transaction";
import { loadRollout, snapshotOf } from "@/lib/rollouts/load-rollout";

/** A release's rollout in one environment as a change is made against it. Any member may read. */
export async function getRolloutSnapshot(access: TeamAccess, input: { releaseKey: string; environmentKey: string }) {
  const { release, environment, rollout } = await loadRollout(
    readDb(),
    access.teamId,
    input.releaseKey,
    input.environmentKey,
  );
  return { releaseKey: release.key, environmentKey: environment.key, snapshot: snapshotOf(rollout) };
}
