import "server-only";
import type { TeamAccess } from "@/lib/auth/require-role";
import { readDb } from "@/lib/db/transaction";
import type { ChangeRequestView } from "@/lib/change-requests/change-request-view";
import { expireChangeRequests } from "./expire-change-requests";
import { CHANGE_REQUEST_INCLUDE, toChangeRequestView } from "@/lib/change-requests/to-change-request-view";

export type ChangeRequestFilter = { releaseKey?: string; environmentKey?: string; decidedLimit?: number };

/** Pending requests (oldest first: they expire first) and the most recently decided ones. Any member may read. */
export async function listChangeRequests(access: TeamAccess, filter: ChangeRequestFilter = {}) {
  const db = readDb();
  await expireChangeRequests({ teamId: access.teamId });
  const where = {
    teamId: access.teamId,
    ...(filter.releaseKey ? { release: { key: filter.releaseKey } } : {}),
    ...(filter.environmentKey ? { environment: { key: filter.environmentKey } } : {}),
  };
  const [pending, decided, cohorts] = await Promise.all([
    db.changeRequest.findMany({
      where: { ...where, status: "pending" },
      include: CHANGE_REQUEST_INCLUDE,
      orderBy: { createdAt: "asc" },
    }),
    db.changeRequest.findMany({
      where: { ...where, status: { not: "pending" } },
      include: CHANGE_REQUEST_INCLUDE,
      orderBy: { decidedAt: "desc" },
      take: filter.decidedLimit ?? 20,
    }),
    db.cohort.findMany({ where: { teamId: access.teamId }, select: { key: true, name: true } }),
  ]);
  const names = new Map(cohorts.map((c) => [c.key, c.name]));
  const view = (rows: typeof pending): ChangeRequestView[] => rows.map((row) => toChangeRequestView(row, names));
  return { pending: view(pending), decided: view(decided) };
}

/** For the navigation badge: cheap, and without expiring anything. */
export async function countPendingChangeRequests(access: TeamAccess): Promise<number> {
  return readDb().changeRequest.count({
    where: { teamId: access.teamId, status: "pending", expiresAt: { gt: new Date() } },
  });
}
