import "server-only";
import type { TeamAccess } from "@/lib/auth/require-role";
import type { ChangeRequestView } from "@/lib/change-requests/change-request-view";
import type { CohortHealth } from "@/lib/domain/cohort-health";
import { readCohortHealth } from "./read-cohort-health";

/**
 * For the approvals page: each pending rollout request's release, its regressing cohorts in
 * that environment now (not when it was requested: the approver decides on today's numbers).
 * One health read per release × environment, however many requests share it.
 */
export async function regressingForRequests(
  access: TeamAccess,
  environments: readonly { id: string; key: string }[],
  requests: readonly ChangeRequestView[],
): Promise<Record<string, CohortHealth[]>> {
  const reads = new Map<string, Promise<CohortHealth[]>>();
  const byRequest: [string, Promise<CohortHealth[]>][] = [];
  for (const request of requests) {
    const environment = environments.find((e) => e.key === request.environment?.key);
    if (!request.release || !environment) continue;
    const id = `${request.release.key}:${environment.key}`;
    if (!reads.has(id))
      reads.set(
        id,
        readCohortHealth(access, { environment, releaseKey: request.release.key }).then((h) =>
          h.cohorts.filter((c) => c.state === "regressing"),
        ),
      );
    byRequest.push([request.id, reads.get(id)!]);
  }
  return Object.fromEntries(await Promise.all(byRequest.map(async ([id, read]) => [id, await read] as const)));
}
