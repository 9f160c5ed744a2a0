import "server-only";
import { readDb } from "@/lib/db/transaction";
import type { Actor } from "./actor";
import { requireRole, type TeamAccess } from "./require-role";

/**
 * The actor's access to a team, resolved once per request: any member (viewer and above) gets
 * it, anyone else finds no team. Every read takes it as its first argument, so a read can't
 * be called for a team nobody authorised.
 */
export function getTeamAccess(actor: Actor | null, teamSlug: string): Promise<TeamAccess> {
  return requireRole(readDb(), actor, teamSlug, "viewer");
}
