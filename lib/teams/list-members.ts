import "server-only";
import { readDb } from "@/lib/db/transaction";

export async function listMembers(teamId: string) {
  const members = await readDb().membership.findMany({
    where: { teamId },
    include: { user: { select: { id: true, name: true, email: true } } },
    orderBy: { user: { name: "asc" } },
  });
  return members.map((m) => ({ id: m.user.id, name: m.user.name, email: m.user.email, role: m.role }));
}
