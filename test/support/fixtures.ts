import { randomBytes } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import type { Role } from "@/lib/domain/roles";

export type UserActor = Extract<Actor, { type: "user" }>;

export type TeamFixture = {
  team: { id: string; slug: string; name: string };
  environments: { staging: { id: string; key: "staging" }; production: { id: string; key: "production" } };
  actors: {
    viewer: UserActor;
    editor: UserActor;
    /** A second editor, for two people working on the same release. */
    editor2: UserActor;
    approver: UserActor;
    admin: UserActor;
    /** An admin of another team, with no membership here. */
    outsider: UserActor;
  };
  otherTeam: { id: string; slug: string };
};

async function createUser(name: string, tag: string): Promise<UserActor> {
  const email = `${name.toLowerCase().replace(/\s+/g, ".")}.${tag}@example.test`;
  const user = await getDb().user.create({ data: { email, name } });
  return { type: "user", id: user.id, name: user.name };
}

async function createTeam(slug: string, name: string) {
  const db = getDb();
  const team = await db.team.create({ data: { slug, name } });
  const staging = await db.environment.create({ data: { teamId: team.id, key: "staging", name: "Staging", position: 1 } });
  const production = await db.environment.create({
    data: { teamId: team.id, key: "production", name: "Production", position: 2 },
  });
  return { team, staging, production };
}

async function addMember(teamId: string, actor: UserActor, role: Role) {
  await getDb().membership.create({ data: { teamId, userId: actor.id, role } });
}

/**
 * A team of its own per test (unique slug and users), so tests sharing one database never
 * see each other's rows.
 */
export async function createTeamFixture(): Promise<TeamFixture> {
  const tag = randomBytes(5).toString("hex");
  const { team, staging, production } = await createTeam(`team-${tag}`, `Team ${tag}`);
  const other = await createTeam(`other-${tag}`, `Other ${tag}`);

  const viewer = await createUser("Vera Viewer", tag);
  const editor = await createUser("Eddie Editor", tag);
  const editor2 = await createUser("Erin Editor", tag);
  const approver = await createUser("Abe Approver", tag);
  const admin = await createUser("Ada Admin", tag);
  const outsider = await createUser("Otto Outsider", tag);

  await addMember(team.id, viewer, "viewer");
  await addMember(team.id, editor, "editor");
  await addMember(team.id, editor2, "editor");
  await addMember(team.id, approver, "approver");
  await addMember(team.id, admin, "admin");
  await addMember(other.team.id, outsider, "admin");

  return {
    team: { id: team.id, slug: team.slug, name: team.name },
    environments: { staging: { id: staging.id, key: "staging" }, production: { id: production.id, key: "production" } },
    actors: { viewer, editor, editor2, approver, admin, outsider },
    otherTeam: { id: other.team.id, slug: other.team.slug },
  };
}
