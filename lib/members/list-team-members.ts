import "server-only";
import type { TeamAccess } from "@/lib/auth/require-role";
import { readDb } from "@/lib/db/transaction";
import type { Role } from "@/lib/domain/roles";
import { toMembership } from "./membership-row";

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

const RANK: Record<Role, number> = { admin: 0, approver: 1, editor: 2, viewer: 3 };

/**
 * The team's members; every member may read the list. Ordered by role (admins first) then name,
 * so who to ask for access is at the top; `orderBy: "name"` for a list to pick someone from
 * (a release's owner).
 */
export async function listTeamMembers(
  access: TeamAccess,
  options: { orderBy?: "role" | "name" } = {},
): Promise<{ members: TeamMember[]; adminCount: number }> {
  const db = readDb();
  const teamId = access.teamId;
  const [memberships, owners, requests] = await Promise.all([
    db.membership.findMany({
      where: { teamId },
      include: { user: { select: { id: true, name: true, email: true } } },
      orderBy: [{ user: { name: "asc" } }, { createdAt: "asc" }],
    }),
    db.release.groupBy({ by: ["ownerId"], where: { teamId, ownerId: { not: null } }, _count: { _all: true } }),
    db.changeRequest.groupBy({
      by: ["requesterId"],
      where: { teamId, status: "pending", requesterType: "user" },
      _count: { _all: true },
    }),
  ]);
  const pending = new Map(requests.map((r) => [r.requesterId, r._count._all]));
  const owned = new Map(owners.map((o) => [o.ownerId, o._count._all]));
  const byName = memberships.map(toMembership).map((m): TeamMember => ({
    membershipId: m.id,
    userId: m.user.id,
    name: m.user.name,
    email: m.user.email,
    role: m.role,
    since: m.createdAt,
    ownedReleases: owned.get(m.user.id) ?? 0,
    pendingRequests: pending.get(m.user.id) ?? 0,
  }));
  const members = options.orderBy === "name" ? byName : byName.sort((a, b) => RANK[a.role] - RANK[b.role]);
  return { members, adminCount: members.filter((m) => m.role === "admin").length };
}
