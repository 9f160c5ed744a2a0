import "server-only";
import { readDb } from "@/lib/db/transaction";

export async function listMyTeams(userId: string) {
  const memberships = await readDb().membership.findMany({
    where: { userId },
    include: { team: true },
    orderBy: { team: { name: "asc" } },
  });
  return memberships.map((m) => ({ slug: m.team.slug, name: m.team.name, role: m.role }));
}
