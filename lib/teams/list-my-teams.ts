import "server-only";
import { readDb } from "@/lib/db/transaction";
import { toMembership } from "@/lib/members/membership-row";

/** The signed-in user's teams, for the switcher: read before any team is in view, so it takes the user, not a team's access. */
export async function listMyTeams(userId: string) {
  const memberships = await readDb().membership.findMany({
    where: { userId },
    include: { team: true },
    orderBy: { team: { name: "asc" } },
  });
  return memberships.map(toMembership).map((m) => ({ slug: m.team.slug, name: m.team.name, role: m.role }));
}
