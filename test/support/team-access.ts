import { getTeamAccess } from "@/lib/auth/get-team-access";
import { getTeamContext } from "@/lib/auth/get-team-context";
import type { TeamFixture } from "./fixtures";

type Member = Exclude<keyof TeamFixture["actors"], "outsider">;

/** A member's access to the fixture team, resolved as a page or route does before any read (viewer unless said). */
export function accessOf(fx: Pick<TeamFixture, "team" | "actors">, as: Member = "viewer") {
  return getTeamAccess(fx.actors[as], fx.team.slug);
}

/** The same, in one environment (default: production). */
export function contextOf(fx: Pick<TeamFixture, "team" | "actors">, environmentKey?: string, as: Member = "viewer") {
  return getTeamContext(fx.actors[as], fx.team.slug, environmentKey);
}
