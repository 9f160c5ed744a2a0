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

const PEOPLE = {
  viewer: "Vera Viewer",
  editor: "Eddie Editor",
  editor2: "Erin Editor",
  approver: "Abe Approver",
  admin: "Ada Admin",
  outsider: "Otto Outsider",
} as const;

// One statement per table rather than per row: fixtures run before every test.
function createTeam(slug: string, name: string, members: { userId: string; role: Role }[]) {
  return getDb().team.create({
    data: {
      slug,
      name,
      environments: {
        create: [
          { key: "staging", name: "Staging", position: 1 },
          { key: "production", name: "Production", position: 2 },
        ],
      },
      memberships: { create: members },
    },
    include: { environments: true },
  });
}

function environment<K extends "staging" | "production">(
  team: { environments: { id: string; key: string }[] },
  key: K,
) {
  const env = team.environments.find((e) => e.key === key);
  if (!env) throw new Error(`fixture team has no ${key} environment`);
  return { id: env.id, key };
}

/**
 * A team of its own per test (unique slug and users), so tests sharing one database never
 * see each other's rows.
 */
export async function createTeamFixture(): Promise<TeamFixture> {
  const tag = randomBytes(5).toString("hex");
  const users = await getDb().user.createManyAndReturn({
    data: Object.entries(PEOPLE).map(([role, name]) => ({ name, email: `${role}.${tag}@example.test` })),
  });
  const actor = (role: keyof typeof PEOPLE): UserActor => {
    const user = users.find((u) => u.email === `${role}.${tag}@example.test`);
    if (!user) throw new Error(`fixture user ${role} missing`);
    return { type: "user", id: user.id, name: user.name };
  };
  const actors = {
    viewer: actor("viewer"),
    editor: actor("editor"),
    editor2: actor("editor2"),
    approver: actor("approver"),
    admin: actor("admin"),
    outsider: actor("outsider"),
  };
  const team = await createTeam(`team-${tag}`, `Team ${tag}`, [
    { userId: actors.viewer.id, role: "viewer" },
    { userId: actors.editor.id, role: "editor" },
    { userId: actors.editor2.id, role: "editor" },
    { userId: actors.approver.id, role: "approver" },
    { userId: actors.admin.id, role: "admin" },
  ]);
  const other = await createTeam(`other-${tag}`, `Other ${tag}`, [{ userId: actors.outsider.id, role: "admin" }]);

  return {
    team: { id: team.id, slug: team.slug, name: team.name },
    environments: { staging: environment(team, "staging"), production: environment(team, "production") },
    actors,
    otherTeam: { id: other.id, slug: other.slug },
  };
}
