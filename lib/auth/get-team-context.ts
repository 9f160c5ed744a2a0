import "server-only";
import type { Actor } from "./actor";
import { requireRole } from "./require-role";
import { readDb } from "@/lib/db/transaction";
import { NotFoundError } from "@/lib/errors/domain-errors";

/**
 * What every team page needs: the viewer's access, the environments in order and the one in
 * view (from the URL, defaulting to the last, usually production).
 */
export async function getTeamContext(actor: Actor | null, teamSlug: string, environmentKey?: string | null) {
  const db = readDb();
  const access = await requireRole(db, actor, teamSlug, "viewer");
  const environments = await db.environment.findMany({
    where: { teamId: access.teamId },
    orderBy: { position: "asc" },
    select: { id: true, key: true, name: true, position: true },
  });
  const environment = environmentKey
    ? environments.find((e) => e.key === environmentKey)
    : (environments.find((e) => e.key === "production") ?? environments.at(-1));
  if (!environment) throw new NotFoundError(`Environment "${environmentKey}" not found`);
  return { access, environments, environment };
}

export type TeamContext = Awaited<ReturnType<typeof getTeamContext>>;
