import "server-only";
import { readDb } from "@/lib/db/transaction";

/** Users offered by the development sign-in, with their roles, so a newcomer knows whom to pick. */
export async function listDemoUsers() {
  const users = await readDb().user.findMany({
    orderBy: { name: "asc" },
    take: 50,
    include: { memberships: { include: { team: { select: { name: true } } } } },
  });
  return users.map((u) => ({
    id: u.id,
    name: u.name,
    email: u.email,
    roles: u.memberships.map((m) => `${m.role} in ${m.team.name}`),
  }));
}
