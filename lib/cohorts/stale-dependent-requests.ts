import "server-only";
import type { TeamAccess } from "@/lib/auth/require-role";
import type { Tx } from "@/lib/db/client";
import type { ProposedPercentages } from "@/lib/change-requests/change-request-view";
import { rolloutRequestPayload } from "@/lib/change-requests/rollout-request-payload";
import { settleChangeRequest } from "@/lib/change-requests/settle-change-request";
import { CHANGE_REQUEST_INCLUDE } from "@/lib/change-requests/to-change-request-view";

/**
 * A pending rollout request was judged with the cohorts as they were: once a cohort whose users
 * it touches changes, approving it would apply something nobody judged, so it goes stale (in the
 * transaction of the cohort change, audited). `moved`: the cohorts (or DEFAULT_COHORT_KEY) whose
 * users the cohort change moves. Returns how many went stale.
 */
export async function staleRequestsDependingOn(
  tx: Tx,
  access: TeamAccess,
  moved: ReadonlySet<string>,
  note: string,
): Promise<number> {
  const pending = await tx.changeRequest.findMany({
    where: { teamId: access.teamId, status: "pending", kind: { in: ["set_rollout", "start"] } },
    include: CHANGE_REQUEST_INCLUDE,
  });
  let staled = 0;
  for (const row of pending) {
    const touched = touchedBy(row);
    if (touched !== "all" && ![...touched].some((place) => moved.has(place))) continue;
    await settleChangeRequest(tx, row, "stale", "stale", { team: access, actor: access.actor, note });
    staled++;
  }
  return staled;
}

/**
 * The places (cohorts, everyone else) whose served percentage a rollout request changes. A
 * change to everyone else also changes every cohort that follows it, so it touches them all.
 */
function touchedBy(row: { id: string; kind: string; before: string; proposed: string }): Set<string> | "all" {
  const { before, proposed } = rolloutRequestPayload(row);
  // Starting serves every percentage from 0%.
  const nobody: ProposedPercentages = { defaultBasisPoints: 0, cohorts: {} };
  const from = row.kind === "start" ? nobody : before;
  const to = row.kind === "start" ? before : proposed;
  if (from.defaultBasisPoints !== to.defaultBasisPoints) return "all";
  const touched = new Set<string>();
  for (const key of new Set([...Object.keys(from.cohorts), ...Object.keys(to.cohorts)])) {
    if ((from.cohorts[key] ?? from.defaultBasisPoints) !== (to.cohorts[key] ?? to.defaultBasisPoints)) touched.add(key);
  }
  return touched;
}
