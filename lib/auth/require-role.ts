import "server-only";
import type { Tx } from "@/lib/db/client";
import { roleAtLeast, isRole, type Role } from "@/lib/domain/roles";
import { ForbiddenError, NotFoundError, UnauthenticatedError } from "@/lib/errors/domain-errors";
import type { Actor } from "./actor";

/**
 * `accountableUserId`: the person behind the actor — the user, or the user who created the API
 * key. Four eyes compares people, not credentials: a key's creator can't approve what the key asked.
 */
export type TeamAccess = {
  teamId: string;
  teamSlug: string;
  teamName: string;
  role: Role;
  actor: Actor;
  accountableUserId: string | null;
};

/** Who acts in which team, without a membership: enough for a change made by the system. */
export type TeamActor = Pick<TeamAccess, "teamId" | "teamSlug" | "teamName" | "actor">;

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
  if (actor.type === "api_key") return requireKeyRole(tx, actor, teamSlug, required);
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
  return {
    teamId: membership.teamId,
    teamSlug: membership.team.slug,
    teamName: membership.team.name,
    role: membership.role,
    actor,
    accountableUserId: actor.id,
  };
}

/**
 * An admin (automation) key acts in its own team with the role it was created with. It is
 * re-read inside the transaction, so a key revoked a moment ago can't finish a change.
 */
async function requireKeyRole(tx: Tx, actor: Actor, teamSlug: string, required: Role): Promise<TeamAccess> {
  const key = await tx.apiKey.findFirst({ where: { id: actor.id, kind: "admin" }, include: { team: true } });
  if (!key || key.revokedAt) throw new UnauthenticatedError("This API key is unknown or revoked");
  if (key.team.slug !== teamSlug) throw new NotFoundError(`Team "${teamSlug}" not found`);
  if (!isRole(key.role) || !roleAtLeast(key.role, required)) {
    throw new ForbiddenError(
      `This API key has the ${key.role ?? "no"} role; only ${required} keys and above can ${ACTION_NAMES[required]}`,
    );
  }
  return {
    teamId: key.teamId,
    teamSlug: key.team.slug,
    teamName: key.team.name,
    role: key.role,
    actor,
    accountableUserId: key.createdById,
  };
}
