import "server-only";
import type { Tx } from "@/lib/db/client";
import { roleAtLeast, isRole, type Role } from "@/lib/domain/roles";
import { ForbiddenError, NotFoundError, UnauthenticatedError } from "@/lib/errors/domain-errors";
import type { Actor } from "./actor";

export type TeamAccess = { teamId: string; teamSlug: string; teamName: string; role: Role; actor: Actor };

const ACTION_NAMES: Record<Role, string> = {
  viewer: "view",
  editor: "make changes here",
  approver: "approve changes",
  admin: "administer the team",
};

/**
 * Loads the actor's membership of a team by slug and checks the role. A team the actor isn't
 * a member of is "not found", so team names never leak.
 */
export async function requireRole(tx: Tx, actor: Actor | null, teamSlug: string, required: Role): Promise<TeamAccess> {
  if (!actor) throw new UnauthenticatedError();
  if (actor.type !== "user") throw new ForbiddenError("Only signed-in users can do this");
  const membership = await tx.membership.findFirst({
    where: { userId: actor.id, team: { slug: teamSlug } },
    include: { team: true },
  });
  if (!membership || !isRole(membership.role)) throw new NotFoundError(`Team "${teamSlug}" not found`);
  if (!roleAtLeast(membership.role, required)) {
    throw new ForbiddenError(
      `You are a ${membership.role} in ${membership.team.name}; only ${required}s and above can ${ACTION_NAMES[required]}`,
    );
  }
  return { teamId: membership.teamId, teamSlug: membership.team.slug, teamName: membership.team.name, role: membership.role, actor };
}
