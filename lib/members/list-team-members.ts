import "server-only";
import { readDb } from "@/lib/db/transaction";
import { isRole, type Role } from "@/lib/domain/roles";

export type TeamMember = {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
  role: Role;
  since: Date;
  /** Releases of this team they own; removing them leaves these without an owner. */
  ownedReleases: number;
  /** Their change requests still waiting; removing them or making them viewer cancels these. */
  pendingRequests: number;
};

/**
 * Every member may read the list; the caller has authorised (getTeamContext). Ordered by
 * role (admins first) then name, so who to ask for access is at the top.
 */
export async function listTeamMembers(teamId: string): Promise<{ members: TeamMember[]; adminCount: number }> {
  const db = readDb();
  const [memberships, owners, requests] = await Promise.all([
    db.membership.findMany({
      where: { teamId },
      include: { user: { select: { id: true, name: true, email: true } } },
      orderBy: [{ user: { name: "asc" } }, { createdAt: "asc" }],
    }),
    db.release.groupBy({ by: ["ownerId"], where: { teamId, ownerId: { not: null } }, _count: { _all: true } }),
    db.changeRequest.groupBy({ by: ["requesterId"], where: { teamId, status: "pending", requesterType: "user" }, _count: { _all: true } }),
  ]);
  const pending = new Map(requests.map((r) => [r.requesterId, r._count._all]));
  const owned = new Map(owners.map((o) => [o.ownerId, o._count._all]));
  const rank: Record<Role, number> = { admin: 0, approver: 1, editor: 2, viewer: 3 };
  const members = memberships
    .filter((m): m is typeof m & { role: Role } => isRole(m.role))
    .map((m) => ({
      membershipId: m.id,
      userId: m.user.id,
      name: m.user.name,
      email: m.user.email,
      role: m.role,
      since: m.createdAt,
      ownedReleases: owned.get(m.user.id) ?? 0,
      pendingRequests: pending.get(m.user.id) ?? 0,
    }))
    .sort((a, b) => rank[a.role] - rank[b.role]);
  return { members, adminCount: members.filter((m) => m.role === "admin").length };
}
